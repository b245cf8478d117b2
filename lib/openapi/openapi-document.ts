// GET /api/v1/openapi.json. Request bodies come from the same zod schemas the routes
// enforce, so the document cannot drift from the validation. Paths are added as routes land.
import { z } from 'zod';
import { AddCodes, CreatePrize, Restock, UpdatePrize } from '../prizes/schemas';
import { ActivitySpec, PatchActivity, PatchTier } from '../activities/schemas';
import {
  ApprovalPolicyInput,
  BreakGlass,
  ChangeStatusName,
  CreateChange,
  EditChange,
  RestoreVersion,
  ReviewChange,
} from '../activities/change-schemas';
import { PoolStockChange } from '../inventory/schemas';
import { ApproveWin, ClaimWin, ShipWin, WinReason } from '../fulfilment/schemas';
import { PatchRiskRule, RiskListChange, RiskRuleSpec } from '../risk/schemas';
import { EventDelivery } from '../events/schemas';
import { CreateWebhookEndpoint, PatchWebhookEndpoint } from '../webhooks/schemas';
import { webhookEventTypes } from '../webhooks/event-types';

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', example: 'VALIDATION_FAILED' },
        message: { type: 'string' },
        details: { type: 'object' },
      },
    },
  },
};

const stock = {
  type: 'object',
  properties: { total: { type: 'integer' }, available: { type: 'integer' }, reserved: { type: 'integer' } },
};
const prize = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    kind: { type: 'string', enum: ['physical', 'virtual', 'coupon', 'points'] },
    value: { type: 'number' },
    description: { type: 'string', nullable: true },
    imageUrl: { type: 'string', nullable: true },
    stock,
    createdAt: { type: 'string', format: 'date-time' },
  },
};
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
const json = (schema: unknown, description = 'ok') => ({ description, content: { 'application/json': { schema } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const langParam = {
  name: 'lang',
  in: 'query',
  description: 'a language tag such as zh-CN or en; without it, Accept-Language decides',
  schema: { type: 'string', maxLength: 35 },
};
const changeIdParam = { name: 'changeId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const body = (schema: string) => ({
  required: true,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});
/** A winner action: the console's, for a key with the wins:write scope. */
const winAction = (summary: string, schema: string) => ({
  post: {
    summary,
    security: [{ apiKey: [] }],
    parameters: [{ name: 'winId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
    requestBody: body(schema),
    responses: { '200': json({ type: 'object' }), ...errors(400, 401, 403, 404, 409, 415) },
  },
});
const optionalBody = (schema: string) => ({ ...body(schema), required: false });
/** A change as the change endpoints answer it (lib/activities/change-dto.ts). */
const changeSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    activityId: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: ['PENDING', 'SCHEDULED', 'APPLIED', 'REJECTED', 'CANCELLED', 'CONFLICT'] },
    baseVersion: { type: 'integer' },
    hash: { type: 'string' },
    patch: { type: 'object' },
    diff: {
      type: 'object',
      description:
        'entries: field by field (odds in percent, stock in units, limits); scopes touched; cost: per prize, units to reserve or that could be released',
    },
    applyAt: { type: 'string', format: 'date-time', nullable: true },
    reason: { type: 'string', nullable: true },
    approvals: { type: 'array', items: { type: 'object' } },
    approvalsRequired: { type: 'integer' },
    appliedVersion: { type: 'integer', nullable: true },
  },
};
const activityParam = { name: 'activityId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

const webhookEndpoint = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    url: { type: 'string' },
    events: { type: 'array', items: { type: 'string', enum: [...webhookEventTypes] } },
    enabled: { type: 'boolean' },
    fulfilment: { type: 'boolean' },
    failingSince: { type: 'string', format: 'date-time', nullable: true },
    disabledReason: { type: 'string', nullable: true },
    secretFingerprint: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};
const webhookEndpointWithSecret = {
  allOf: [{ $ref: '#/components/schemas/WebhookEndpoint' }],
  type: 'object',
  properties: { secret: { type: 'string', description: 'signs every delivery; shown only in this answer' } },
};
const webhookDelivery = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    endpointId: { type: 'string', format: 'uuid' },
    eventId: { type: 'string', format: 'uuid', description: "the body's id, the same on every attempt" },
    type: { type: 'string', enum: [...webhookEventTypes] },
    status: { type: 'string', enum: ['PENDING', 'DELIVERED', 'FAILED'] },
    attempts: { type: 'integer' },
    lastStatusCode: { type: 'integer', nullable: true },
    lastError: { type: 'string', nullable: true },
    lastLatencyMs: { type: 'integer', nullable: true },
    lastAttemptAt: { type: 'string', format: 'date-time', nullable: true },
    nextAttemptAt: { type: 'string', format: 'date-time', nullable: true },
    deliveredAt: { type: 'string', format: 'date-time', nullable: true },
    createdAt: { type: 'string', format: 'date-time' },
  },
};
const endpointParams = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }];

const str = { type: 'string' };
const uuid = { type: 'string', format: 'uuid' };
const time = { type: 'string', format: 'date-time' };
const obj = (properties: Record<string, unknown>) => ({ type: 'object', properties });
/** Each outbound event's `data`, as sent (OpenAPI 3.1 `webhooks`). */
const webhookData: Record<(typeof webhookEventTypes)[number], unknown> = {
  'win.created': obj({
    winId: uuid,
    activityId: uuid,
    drawId: uuid,
    userId: str,
    status: str,
    tier: obj({ id: uuid, name: str }),
    prizes: {
      type: 'array',
      items: obj({
        prizeId: uuid,
        name: str,
        kind: { type: 'string', enum: ['physical', 'virtual', 'coupon', 'points'] },
        value: { type: 'number', description: "one unit's value, as the prize API states it" },
        quantity: { type: 'integer' },
        codes: { type: 'array', items: str },
      }),
    },
  }),
  'win.claimed': obj({ winId: uuid, activityId: uuid, userId: str, claimedAt: time }),
  'win.shipped': obj({
    winId: uuid,
    activityId: uuid,
    userId: str,
    carrier: str,
    trackingNumber: str,
    shippedAt: time,
    correction: { type: 'boolean', description: 'the shipment of an already shipped win was corrected' },
  }),
  'win.voided': obj({
    winId: uuid,
    activityId: uuid,
    userId: str,
    prizeId: uuid,
    quantity: { type: 'integer' },
    previousStatus: str,
    reason: str,
  }),
  'claim.expired': obj({
    winId: uuid,
    activityId: uuid,
    userId: str,
    prizeId: uuid,
    quantity: { type: 'integer' },
    previousStatus: str,
    reason: str,
  }),
  'activity.started': obj({
    activityId: uuid,
    name: str,
    status: str,
    previousStatus: str,
    startsAt: time,
    endsAt: time,
    at: time,
  }),
  'activity.ended': obj({
    activityId: uuid,
    name: str,
    status: str,
    previousStatus: str,
    startsAt: time,
    endsAt: time,
    at: time,
  }),
  'alert.raised': obj({
    alertId: uuid,
    activityId: { type: 'string', format: 'uuid', nullable: true },
    kind: str,
    severity: { type: 'string', enum: ['INFO', 'WARNING', 'CRITICAL'] },
    message: str,
    details: { type: 'object' },
  }),
};

function outboundWebhooks() {
  return Object.fromEntries(
    webhookEventTypes.map((type) => [
      type,
      {
        post: {
          summary: `${type}, POSTed to each enabled endpoint subscribed to it`,
          description:
            'Headers X-Tenant, X-Event-Id, X-Timestamp (unix s) and X-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the endpoint\'s secret>. A 2xx answer delivers it; anything else, or no answer in 10 s, is retried after 10 s, 30 s, 2 min, 10 min, 30 min, then hourly up to 24 h, with the same id: receivers dedupe on it.',
          requestBody: {
            content: {
              'application/json': {
                schema: obj({
                  id: uuid,
                  type: { type: 'string', const: type },
                  createdAt: time,
                  tenant: str,
                  data: webhookData[type],
                }),
              },
            },
          },
          responses: { '200': { description: 'any 2xx delivers the event' } },
        },
      },
    ]),
  );
}

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lottery platform API',
      version: '1.0.0',
      description: 'Errors always have the Error shape; unknown fields are rejected.',
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            'management API key (npm run -s apikey [--scope ...]). Every key reads; a write needs the scope of its ' +
            'area: "*" (the default) holds all, "read" none; prizes:write, activities:write, risk:write, wins:write, ' +
            'webhooks:write, settings:write one each. Missing scope: 403 FORBIDDEN',
        },
        userToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'HS256 user token signed with the tenant secret',
        },
      },
      schemas: {
        Error: errorSchema,
        Prize: prize,
        CreatePrize: z.toJSONSchema(CreatePrize, { target: 'openapi-3.0' }),
        Restock: z.toJSONSchema(Restock, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        UpdatePrize: z.toJSONSchema(UpdatePrize, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        AddCodes: z.toJSONSchema(AddCodes, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        RiskRule: z.toJSONSchema(RiskRuleSpec, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        PatchRiskRule: z.toJSONSchema(PatchRiskRule, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        RiskListChange: z.toJSONSchema(RiskListChange, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        ShipWin: z.toJSONSchema(ShipWin, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        WinReason: z.toJSONSchema(WinReason, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        ApproveWin: z.toJSONSchema(ApproveWin, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        ActivitySpec: z.toJSONSchema(ActivitySpec, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        PatchActivity: z.toJSONSchema(PatchActivity, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        PatchTier: z.toJSONSchema(PatchTier, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        CreateChange: z.toJSONSchema(CreateChange, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        EditChange: z.toJSONSchema(EditChange, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        ReviewChange: z.toJSONSchema(ReviewChange, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        RestoreVersion: z.toJSONSchema(RestoreVersion, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        BreakGlass: z.toJSONSchema(BreakGlass, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        Change: changeSchema,
        ApprovalPolicy: z.toJSONSchema(ApprovalPolicyInput, {
          target: 'openapi-3.0',
          io: 'input',
          unrepresentable: 'any',
        }),
        ClaimWin: z.toJSONSchema(ClaimWin, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        PoolStockChange: z.toJSONSchema(PoolStockChange, {
          target: 'openapi-3.0',
          io: 'input',
          unrepresentable: 'any',
        }),
        EventDelivery: z.toJSONSchema(EventDelivery, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        CreateWebhookEndpoint: z.toJSONSchema(CreateWebhookEndpoint, {
          target: 'openapi-3.0',
          io: 'input',
          unrepresentable: 'any',
        }),
        PatchWebhookEndpoint: z.toJSONSchema(PatchWebhookEndpoint, {
          target: 'openapi-3.0',
          io: 'input',
          unrepresentable: 'any',
        }),
        WebhookEndpoint: webhookEndpoint,
        WebhookDelivery: webhookDelivery,
        Draw: {
          type: 'object',
          properties: {
            drawId: { type: 'string', format: 'uuid' },
            outcome: { type: 'string', enum: ['win', 'lose'] },
            tier: { type: 'object', nullable: true, properties: { id: { type: 'string' }, name: { type: 'string' } } },
            prizes: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  prizeId: { type: 'string' },
                  name: { type: 'string' },
                  kind: { type: 'string' },
                  quantity: { type: 'integer' },
                  codes: {
                    type: 'array',
                    items: { type: 'string' },
                    description: 'a coupon prize: its codes, one per unit (not while the win is held for review)',
                  },
                },
              },
            },
            winIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
            chancesLeft: { type: 'integer' },
          },
        },
      },
    },
    webhooks: outboundWebhooks(),
    paths: {
      '/api/manage/webhook-endpoints': {
        post: {
          summary: 'Add an outbound webhook endpoint; its signing secret is in this answer only',
          security: [{ apiKey: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateWebhookEndpoint' } } },
          },
          responses: { '201': json(webhookEndpointWithSecret), ...errors(400, 401, 409, 413, 415) },
        },
        get: {
          summary: "The tenant's webhook endpoints (no secrets)",
          security: [{ apiKey: [] }],
          responses: {
            '200': json({ type: 'array', items: { $ref: '#/components/schemas/WebhookEndpoint' } }),
            ...errors(401),
          },
        },
      },
      '/api/manage/webhook-endpoints/{id}': {
        get: {
          summary: 'One webhook endpoint (no secret)',
          security: [{ apiKey: [] }],
          parameters: endpointParams,
          responses: { '200': json({ $ref: '#/components/schemas/WebhookEndpoint' }), ...errors(401, 404) },
        },
        patch: {
          summary: 'Change url, events, enabled or fulfilment; enabling again clears its failing state',
          security: [{ apiKey: [] }],
          parameters: endpointParams,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PatchWebhookEndpoint' } } },
          },
          responses: {
            '200': json({ $ref: '#/components/schemas/WebhookEndpoint' }),
            ...errors(400, 401, 404, 413, 415),
          },
        },
        delete: {
          summary: 'Remove the endpoint and its delivery log',
          security: [{ apiKey: [] }],
          parameters: endpointParams,
          responses: { '204': { description: 'removed' }, ...errors(401, 404) },
        },
      },
      '/api/manage/webhook-endpoints/{id}/rotate-secret': {
        post: {
          summary: 'A new signing secret, in this answer only; deliveries are signed with it from now on',
          security: [{ apiKey: [] }],
          parameters: endpointParams,
          responses: { '200': json(webhookEndpointWithSecret), ...errors(401, 404) },
        },
      },
      '/api/manage/webhook-endpoints/{id}/deliveries': {
        get: {
          summary:
            'The delivery log, newest first: status, last response code, latency, attempts; ?status=&limit=&cursor=',
          security: [{ apiKey: [] }],
          parameters: [
            ...endpointParams,
            { name: 'status', in: 'query', schema: { type: 'string', enum: ['PENDING', 'DELIVERED', 'FAILED'] } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
            { name: 'cursor', in: 'query', schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': json({
              type: 'object',
              properties: {
                items: { type: 'array', items: { $ref: '#/components/schemas/WebhookDelivery' } },
                nextCursor: { type: 'string', nullable: true },
              },
            }),
            ...errors(400, 401, 404),
          },
        },
      },
      '/api/manage/webhook-endpoints/{id}/deliveries/{deliveryId}/retry': {
        post: {
          summary: 'Send one delivery again now (whatever its status), with the same event id; 24 h of retries again',
          security: [{ apiKey: [] }],
          parameters: [
            ...endpointParams,
            { name: 'deliveryId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: { '202': json({ $ref: '#/components/schemas/WebhookDelivery' }), ...errors(401, 404) },
        },
      },
      '/api/health': {
        get: {
          summary: 'PostgreSQL, Redis and workers answer',
          responses: {
            '200': json(
              {
                type: 'object',
                properties: {
                  status: { type: 'string', enum: ['ok', 'degraded'] },
                  checks: { type: 'object' },
                  warnings: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        check: { type: 'string' },
                        code: { type: 'string' },
                        message: { type: 'string' },
                      },
                    },
                  },
                },
              },
              'everything answers; risky settings (Redis without persistence or evicting keys) in warnings',
            ),
            '503': json({ type: 'object' }, 'a part is down, named in checks'),
          },
        },
      },
      '/api/manage/prizes': {
        post: {
          summary: 'Create a prize; its total pool starts at stock',
          security: [{ apiKey: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CreatePrize' } } },
          },
          responses: { '201': json({ $ref: '#/components/schemas/Prize' }), ...errors(400, 401, 413, 415) },
        },
        get: {
          summary: "List the tenant's prizes (newest first, cursor paged)",
          security: [{ apiKey: [] }],
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
            { name: 'cursor', in: 'query', schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': json({
              type: 'object',
              properties: {
                items: { type: 'array', items: { $ref: '#/components/schemas/Prize' } },
                nextCursor: { type: 'string', nullable: true },
              },
            }),
            ...errors(400, 401),
          },
        },
      },
      '/api/manage/prizes/{prizeId}': {
        get: {
          summary: 'One prize with total / available / reserved stock',
          security: [{ apiKey: [] }],
          parameters: [{ name: 'prizeId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': json({ $ref: '#/components/schemas/Prize' }), ...errors(401, 404) },
        },
        patch: {
          summary:
            'Change its name, description, image or names per language (translations replaces the set); kind, value and stock do not change here',
          security: [{ apiKey: [] }],
          parameters: [{ name: 'prizeId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: body('UpdatePrize'),
          responses: { '200': json({ $ref: '#/components/schemas/Prize' }), ...errors(400, 401, 403, 404, 413, 415) },
        },
      },
      '/api/manage/prizes/{prizeId}/restock': {
        post: {
          summary: 'Add to the total pool, or take from it (never below 0 available)',
          security: [{ apiKey: [] }],
          parameters: [{ name: 'prizeId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Restock' } } },
          },
          responses: { '200': json({ $ref: '#/components/schemas/Prize' }), ...errors(400, 401, 404, 409) },
        },
      },
      '/api/manage/prizes/{prizeId}/codes': {
        post: {
          summary:
            'Add codes to a coupon prize (its stock is its unused codes): at most 10,000 a call, all or nothing; a code ' +
            'repeated in the call or already stored is refused (400, listed in details.duplicates). The body may ' +
            'exceed the usual 64 KiB (up to 1.2 MB). Each unit won takes one code inside the draw: the draw answer ' +
            "has prizes[].codes, one per unit, and so have the user's wins",
          security: [{ apiKey: [] }],
          parameters: [{ name: 'prizeId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/AddCodes' } } },
          },
          responses: {
            '200': json({
              type: 'object',
              required: ['added', 'total', 'unused'],
              properties: { added: { type: 'integer' }, total: { type: 'integer' }, unused: { type: 'integer' } },
            }),
            ...errors(400, 401, 404, 409, 413, 415),
          },
        },
      },
      '/api/manage/risk/rules': {
        get: {
          summary: "The tenant's risk rules (as the console's Risk page lists them)",
          security: [{ apiKey: [] }],
          responses: { '200': json({ type: 'object' }), ...errors(401) },
        },
        post: {
          summary: 'Add a risk rule (tenant-wide, or for one activity); the draw follows at once',
          security: [{ apiKey: [] }],
          requestBody: body('RiskRule'),
          responses: { '201': json({ type: 'object' }), ...errors(400, 401, 403, 404, 413, 415) },
        },
      },
      '/api/manage/risk/rules/{id}': {
        patch: {
          summary: 'Switch a rule on or off, or change what a hit does',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          requestBody: body('PatchRiskRule'),
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 403, 404, 415) },
        },
        delete: {
          summary: 'Remove a rule',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          responses: { '204': { description: 'removed' }, ...errors(401, 403, 404) },
        },
      },
      '/api/manage/risk/lists': {
        post: {
          summary:
            'Add values to a blacklist (user, device or ip) or take them off; at most 10,000 a call -> { action, changed }',
          security: [{ apiKey: [] }],
          requestBody: body('RiskListChange'),
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 403, 413, 415) },
        },
      },
      '/api/manage/risk/events': {
        get: {
          summary: 'What the risk rules did, newest first: { items, nextCursor }; pass nextCursor as cursor',
          security: [{ apiKey: [] }],
          parameters: ['limit', 'cursor', 'activityId', 'kind', 'action', 'userId', 'deviceId', 'ip', 'from', 'to'].map(
            (name) => ({ name, in: 'query', schema: { type: 'string' } }),
          ),
          responses: { '200': json({ type: 'object' }), ...errors(400, 401) },
        },
      },
      '/api/manage/audit': {
        get: {
          summary:
            'Every change with who, when, before and after, newest first: { items, nextCursor }; a read-only key sees ' +
            'operators by stand-in, as an analyst does',
          security: [{ apiKey: [] }],
          parameters: ['limit', 'cursor', 'objectType', 'objectId', 'actorType', 'actorId'].map((name) => ({
            name,
            in: 'query',
            schema: { type: 'string' },
          })),
          responses: { '200': json({ type: 'object' }), ...errors(400, 401) },
        },
      },
      '/api/manage/wins/{winId}/ship': winAction('A claimed physical win is on its way', 'ShipWin'),
      '/api/manage/wins/{winId}/void': winAction('Void a win, saying why', 'WinReason'),
      '/api/manage/wins/{winId}/approve': winAction('Release a win held for review (body {} or none)', 'ApproveWin'),
      '/api/manage/wins/{winId}/reject': winAction('Refuse a win held for review, saying why (voids it)', 'WinReason'),
      '/api/manage/activities': {
        post: {
          summary: 'Create a DRAFT activity from a spec (odds in [0, 1] at 1e-6, summing to at most 1)',
          security: [{ apiKey: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ActivitySpec' } } },
          },
          responses: { '201': json({ type: 'object' }), ...errors(400, 401, 413, 415) },
        },
      },
      '/api/manage/activities/{id}': {
        get: {
          summary: 'The spec plus status and stock figures',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          responses: { '200': json({ type: 'object' }), ...errors(401, 404) },
        },
        patch: {
          summary:
            'Move the period, also while published: the draw enforces it at once and the scheduled start and end follow it',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PatchActivity' } } },
          },
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 404, 409) },
        },
      },
      '/api/manage/activities/{id}/publish': {
        post: {
          summary: 'Reserve stock from the total pools, pre-warm Redis; LIVE or SCHEDULED',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 404, 409) },
        },
      },
      '/api/manage/activities/{id}/pause': {
        post: {
          summary:
            'Pause a live or scheduled activity (break-glass: never waits for approvals; under an approval policy `reason` is required)',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          requestBody: optionalBody('BreakGlass'),
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 404, 409) },
        },
      },
      '/api/manage/activities/{id}/resume': {
        post: {
          summary: 'Resume a paused activity (an optional `reason` goes into the audit entry)',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          requestBody: optionalBody('BreakGlass'),
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 404, 409) },
        },
      },
      '/api/manage/activities/{id}/end': {
        post: {
          summary:
            'End the activity; unused stock returns to the total pools exactly once (break-glass: never waits for approvals; under an approval policy `reason` is required)',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          requestBody: optionalBody('BreakGlass'),
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 404, 409) },
        },
      },
      '/api/manage/activities/{id}/tiers/{tierId}': {
        patch: {
          summary:
            "Change a tier's probability or stock, also while live; 202 with the pending change when the approval policy covers it",
          security: [{ apiKey: [] }],
          parameters: [idParam, { name: 'tierId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PatchTier' } } },
          },
          responses: {
            '200': json({ type: 'object' }),
            '202': json({ $ref: '#/components/schemas/Change' }),
            ...errors(400, 401, 404, 409),
          },
        },
      },
      '/api/manage/activities/{id}/stock': {
        post: {
          summary: "Move units between a prize's total pool and this activity's pool, also while live",
          security: [{ apiKey: [] }],
          parameters: [idParam],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PoolStockChange' } } },
          },
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 404, 409, 503) },
        },
      },
      '/api/manage/activities/{id}/stats': {
        get: {
          summary: 'Draws, wins, unique users, per tier and per prize pool: exact, from PostgreSQL',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          responses: { '200': json({ type: 'object' }), ...errors(401, 404) },
        },
      },
      '/api/manage/activities/{id}/versions': {
        get: {
          summary: 'Every applied configuration of the activity, oldest first: version, hash, who, when, what changed',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          responses: { '200': json({ type: 'array' }), ...errors(401, 404) },
        },
      },
      '/api/manage/activities/{id}/versions/{version}': {
        get: {
          summary: 'One version with its whole configuration (the spec, each tier with its id)',
          security: [{ apiKey: [] }],
          parameters: [idParam, { name: 'version', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: { '200': json({ type: 'object' }), ...errors(401, 404) },
        },
      },
      '/api/manage/activities/{id}/versions/{version}/restore': {
        post: {
          summary: 'Propose the change back to that version (the same approval rules as any change)',
          security: [{ apiKey: [] }],
          parameters: [idParam, { name: 'version', in: 'path', required: true, schema: { type: 'integer' } }],
          requestBody: optionalBody('RestoreVersion'),
          responses: { '201': json({ $ref: '#/components/schemas/Change' }), ...errors(400, 401, 404, 409) },
        },
      },
      '/api/manage/activities/{id}/changes': {
        post: {
          summary:
            'Propose a change of the configuration against a base version: diff, cost; applies at once without a policy covering it',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          requestBody: body('CreateChange'),
          responses: { '201': json({ $ref: '#/components/schemas/Change' }), ...errors(400, 401, 404, 409, 413, 415) },
        },
      },
      '/api/manage/changes': {
        get: {
          summary: "The tenant's changes, newest first",
          security: [{ apiKey: [] }],
          parameters: [
            { name: 'activityId', in: 'query', schema: { type: 'string', format: 'uuid' } },
            { name: 'status', in: 'query', schema: { type: 'string', enum: [...ChangeStatusName.options] } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
          ],
          responses: {
            '200': json({ type: 'array', items: { $ref: '#/components/schemas/Change' } }),
            ...errors(400, 401),
          },
        },
      },
      '/api/manage/changes/{changeId}': {
        get: {
          summary: 'One change',
          security: [{ apiKey: [] }],
          parameters: [changeIdParam],
          responses: { '200': json({ $ref: '#/components/schemas/Change' }), ...errors(401, 404) },
        },
        patch: {
          summary: 'Edit a change that has not applied: a new hash, its approvals void',
          security: [{ apiKey: [] }],
          parameters: [changeIdParam],
          requestBody: body('EditChange'),
          responses: { '200': json({ $ref: '#/components/schemas/Change' }), ...errors(400, 401, 404, 409) },
        },
        delete: {
          summary: 'Cancel a change that has not applied',
          security: [{ apiKey: [] }],
          parameters: [changeIdParam],
          responses: { '200': json({ $ref: '#/components/schemas/Change' }), ...errors(401, 404, 409) },
        },
      },
      '/api/manage/changes/{changeId}/approve': {
        post: {
          summary:
            'Approve the change as it is now (its hash); not by its proposer, nor by a key the proposer created; applies it once approved enough',
          security: [{ apiKey: [] }],
          parameters: [changeIdParam],
          requestBody: optionalBody('ReviewChange'),
          responses: { '200': json({ $ref: '#/components/schemas/Change' }), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/manage/changes/{changeId}/reject': {
        post: {
          summary: 'Reject the change, optionally saying why',
          security: [{ apiKey: [] }],
          parameters: [changeIdParam],
          requestBody: optionalBody('ReviewChange'),
          responses: { '200': json({ $ref: '#/components/schemas/Change' }), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/manage/settings/approvals': {
        get: {
          summary: "The tenant's approval policy for changes of live configurations",
          security: [{ apiKey: [] }],
          responses: { '200': json({ $ref: '#/components/schemas/ApprovalPolicy' }), ...errors(401) },
        },
        put: {
          summary: 'Set the approval policy: changes touching `scope` wait for `required` approvals (0: apply at once)',
          security: [{ apiKey: [] }],
          requestBody: body('ApprovalPolicy'),
          responses: { '200': json({ $ref: '#/components/schemas/ApprovalPolicy' }), ...errors(400, 401) },
        },
      },
      '/api/manage/activities/{id}/fairness/rotate': {
        post: {
          summary: 'Reveal the current fairness seed and commit a new one; answers the seeds as the public route does',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          responses: { '200': json({ type: 'object' }), ...errors(401, 404, 409) },
        },
      },
      '/api/manage/activities/{id}/winners': {
        get: {
          summary: 'Winners, newest first, cursor paged; ?format=csv streams them all as CSV',
          security: [{ apiKey: [] }],
          parameters: [
            idParam,
            { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'] } },
            { name: 'limit', in: 'query', schema: { type: 'integer' } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
            { name: 'status', in: 'query', schema: { type: 'string' } },
          ],
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 404) },
        },
      },
      '/api/v1/activities/{activityId}': {
        get: {
          summary:
            'Public view with disclosed odds; names, title and rules in the language of ?lang= or Accept-Language ' +
            '(`lang`: the stored language picked, null for the untranslated text)',
          description:
            'tiers[].probability is the odds that pick the tier now (the time segment in force applied; auto-tuning ' +
            "writes the tier's own odds, tiers[].baseProbability); tiers[].schedule lists the segments in the " +
            "activity's timezone; tiers[].pacing (none | even) can only turn a win into no win; noWinProbability " +
            'is 1 minus the odds in force.',
          security: [{ userToken: [] }],
          parameters: [activityParam, langParam],
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 404) },
        },
      },
      '/api/v1/activities/{activityId}/fairness': {
        get: {
          summary: 'The committed seeds { algorithm, seeds: [{ commitment, activeFrom, activeTo?, seed? }] }',
          security: [{ userToken: [] }],
          parameters: [activityParam],
          responses: { '200': json({ type: 'object' }), ...errors(401, 404) },
        },
      },
      '/api/v1/draws/{drawId}/proof': {
        get: {
          summary:
            "The draw owner's proof: activityId, userId, idempotencyKey, commitment, i, r, odds, pickedTier, fallback",
          security: [{ userToken: [] }],
          parameters: [{ name: 'drawId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { '200': json({ type: 'object' }), ...errors(401, 404, 409) },
        },
      },
      '/api/v1/activities/{activityId}/me': {
        get: {
          summary:
            "The user's chances, draws today, tasks and wins (task and prize names in the reader's language); " +
            'wins carry claimExpiresAt, expired and, once shipped, shipment { carrier, trackingNumber }',
          security: [{ userToken: [] }],
          parameters: [activityParam, langParam],
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 404) },
        },
      },
      '/api/v1/activities/{activityId}/draws': {
        post: {
          summary: 'One draw. The same Idempotency-Key again returns the same body and consumes nothing.',
          security: [{ userToken: [] }],
          parameters: [
            activityParam,
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              schema: { type: 'string', minLength: 1, maxLength: 64 },
            },
          ],
          responses: {
            '200': json({ $ref: '#/components/schemas/Draw' }),
            ...errors(400, 401, 403, 404, 409, 429, 503),
          },
        },
      },
      '/api/v1/wins/{winId}/claim': {
        post: {
          summary:
            'Shipping details for a physical prize: only the winner, within the claim window, editable until shipped',
          security: [{ userToken: [] }],
          parameters: [{ name: 'winId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ClaimWin' } } },
          },
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 404, 409) },
        },
      },
      '/api/v1/activities/{activityId}/tasks/{taskId}/complete': {
        post: {
          summary:
            'A client-side task (sign_in, share) done once more: grants its chances within its per-day and total caps (409 TASK_CAP_REACHED beyond them); a share task with confirmBy "event" is paid only by the host app\'s share_confirmed event (409 TASK_CONFIRMED_BY_HOST)',
          security: [{ userToken: [] }],
          parameters: [
            activityParam,
            { name: 'taskId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': json({
              type: 'object',
              properties: {
                taskId: { type: 'string', format: 'uuid' },
                chancesGranted: { type: 'integer' },
                doneToday: { type: 'integer' },
                remainingToday: { type: 'integer', nullable: true },
              },
            }),
            ...errors(401, 404, 409),
          },
        },
      },
      '/api/v1/events': {
        post: {
          summary:
            'Signed behaviour events from the host app (one, or { events } with at most 500). Headers X-Tenant, X-Timestamp (unix s, ±300 s), X-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the webhook secret>. Each eventId counts once per tenant; chances are granted through EVENT tasks of live activities whose eventType equals type, within their caps. invite_accepted (data.inviteeId) pays the inviter\'s invite tasks once per invitee, never for oneself; share_confirmed (data.taskId) pays that share task when it is confirmed by events.',
          parameters: ['X-Tenant', 'X-Timestamp', 'X-Signature'].map((name) => ({
            name,
            in: 'header',
            required: true,
            schema: { type: 'string' },
          })),
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/EventDelivery' } } },
          },
          responses: {
            '200': json({
              type: 'object',
              properties: {
                received: { type: 'integer' },
                counted: { type: 'integer' },
                duplicates: { type: 'integer' },
                results: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      eventId: { type: 'string' },
                      status: { type: 'string', enum: ['counted', 'duplicate'] },
                      chancesGranted: { type: 'integer' },
                    },
                  },
                },
              },
            }),
            ...errors(400, 401, 413, 415),
          },
        },
      },
      '/api/v1/me/wins': {
        get: {
          summary:
            "The user's wins in the token's tenant, prize names in the reader's language; " +
            'a coupon win has its codes (codes: [...], one per unit)',
          security: [{ userToken: [] }],
          parameters: [langParam],
          responses: { '200': json({ type: 'object' }), ...errors(400, 401) },
        },
      },
    },
  };
}
