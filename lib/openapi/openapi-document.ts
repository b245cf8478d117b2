// GET /api/v1/openapi.json. Request bodies come from the same zod schemas the routes
// enforce, so the document cannot drift from the validation. Paths are added as routes land.
import { z } from 'zod';
import { CreatePrize, Restock } from '../prizes/schemas';
import { ActivitySpec, PatchActivity, PatchTier } from '../activities/schemas';
import { PoolStockChange } from '../inventory/schemas';
import { ClaimWin } from '../fulfilment/schemas';
import { EventDelivery } from '../events/schemas';

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
const activityParam = { name: 'activityId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

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
        apiKey: { type: 'http', scheme: 'bearer', description: 'management API key (npm run -s apikey)' },
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
        ActivitySpec: z.toJSONSchema(ActivitySpec, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        PatchActivity: z.toJSONSchema(PatchActivity, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        PatchTier: z.toJSONSchema(PatchTier, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        ClaimWin: z.toJSONSchema(ClaimWin, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
        PoolStockChange: z.toJSONSchema(PoolStockChange, {
          target: 'openapi-3.0',
          io: 'input',
          unrepresentable: 'any',
        }),
        EventDelivery: z.toJSONSchema(EventDelivery, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }),
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
                },
              },
            },
            winIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
            chancesLeft: { type: 'integer' },
          },
        },
      },
    },
    paths: {
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
          summary: 'Pause a live or scheduled activity',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          responses: { '200': json({ type: 'object' }), ...errors(401, 404, 409) },
        },
      },
      '/api/manage/activities/{id}/resume': {
        post: {
          summary: 'Resume a paused activity',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          responses: { '200': json({ type: 'object' }), ...errors(401, 404, 409) },
        },
      },
      '/api/manage/activities/{id}/end': {
        post: {
          summary: 'End the activity; unused stock returns to the total pools exactly once',
          security: [{ apiKey: [] }],
          parameters: [idParam],
          responses: { '200': json({ type: 'object' }), ...errors(401, 404, 409) },
        },
      },
      '/api/manage/activities/{id}/tiers/{tierId}': {
        patch: {
          summary: "Change a tier's probability or stock, also while live",
          security: [{ apiKey: [] }],
          parameters: [idParam, { name: 'tierId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PatchTier' } } },
          },
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 404, 409) },
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
          security: [{ userToken: [] }],
          parameters: [activityParam, langParam],
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 404) },
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
            'A client-side task (sign_in, share) done once more: grants its chances within its per-day and total caps (409 TASK_CAP_REACHED beyond them)',
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
            'Signed behaviour events from the host app (one, or { events } with at most 500). Headers X-Tenant, X-Timestamp (unix s, ±300 s), X-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the webhook secret>. Each eventId counts once per tenant; chances are granted through EVENT tasks of live activities whose eventType equals type, within their caps.',
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
          summary: "The user's wins in the token's tenant, prize names in the reader's language",
          security: [{ userToken: [] }],
          parameters: [langParam],
          responses: { '200': json({ type: 'object' }), ...errors(400, 401) },
        },
      },
    },
  };
}
