// GET /api/v1/openapi.json: the API contract as OpenAPI 3.1. One source: request bodies and query
// parameters come from the zod schemas the routes enforce, answers from the zod schemas the DTO
// builders are typed by (the `*-responses.ts` files), all generated as JSON Schema draft 2020-12
// into components.schemas. tests/integration/openapi-contract.test.ts calls every operation here
// and checks the real answers against it; tests/unit/openapi.test.ts lints it.
import { z } from 'zod';
import { AddCodes, CreatePrize, ListQuery, Restock, UpdatePrize } from '../prizes/schemas';
import { CodesAdded, PrizePage, PrizeResponse } from '../prizes/prize-responses';
import { ActivitySpec, PatchActivity, PatchTier, WinnersQuery } from '../activities/schemas';
import {
  ApprovalPolicyInput,
  BreakGlass,
  ChangesQuery,
  CreateChange,
  EditChange,
  RestoreVersion,
  ReviewChange,
} from '../activities/change-schemas';
import {
  ActivityResponse,
  ActivityStatsResponse,
  ApprovalPolicyResponse,
  ChangeResponse,
  ConfigVersionDetail,
  ConfigVersionResponse,
  PoolResponse,
  PublicActivityResponse,
} from '../activities/activity-responses';
import { PoolStockChange } from '../inventory/schemas';
import { ApproveWin, ClaimWin, ShipWin, WinReason } from '../fulfilment/schemas';
import { ClaimResponse, UserWinsResponse, WinActionResponse, WinnersPage } from '../fulfilment/fulfilment-responses';
import { PatchRiskRule, RiskEventsQuery, RiskListChange, RiskRuleSpec } from '../risk/schemas';
import { RiskEventPage, RiskListResult, RiskRuleResponse, RiskRulesResponse } from '../risk/risk-responses';
import { AuditQuery } from '../audit/schemas';
import { AuditPage } from '../audit/audit-responses';
import { EventDelivery } from '../events/schemas';
import { EventsResponse } from '../events/event-responses';
import { CreateWebhookEndpoint, ListDeliveriesQuery, PatchWebhookEndpoint } from '../webhooks/schemas';
import {
  WebhookDeliveryPage,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecret,
  webhookEventBody,
} from '../webhooks/webhook-responses';
import { webhookEventTypes } from '../webhooks/event-types';
import { DrawResponse } from '../draw/draw-responses';
import { DrawProofResponse, FairnessResponse, MyDrawsPage } from '../fairness/fairness-responses';
import { MyDrawsQuery } from '../fairness/schemas';
import { TaskCompletedResponse } from '../tasks/task-responses';
import { MyStateResponse } from '../chances/my-state-responses';
import { HealthResponse } from '../health/health-responses';
import type { ErrorBody } from '../errors';

/** Every error answer: `{ error: { code, message, details? } }` (lib/errors.ts builds it). */
export const ErrorResponse = z.object({
  error: z.object({
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .meta({ examples: ['VALIDATION_FAILED'] }),
    message: z.string().meta({ description: 'human text naming what is wrong' }),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
/** The type checker holds the error builder to the schema. */
export type ErrorBodyIsDocumented = ErrorBody extends z.output<typeof ErrorResponse> ? true : never;
const errorBodyIsDocumented: ErrorBodyIsDocumented = true;
void errorBodyIsDocumented;

/** Answers, by component name: JSON Schema of what the server writes (zod's output side). */
const responseSchemas = {
  Error: ErrorResponse,
  Prize: PrizeResponse,
  PrizePage,
  CodesAdded,
  Activity: ActivityResponse,
  PublicActivity: PublicActivityResponse,
  ActivityStats: ActivityStatsResponse,
  Pool: PoolResponse,
  ConfigVersion: ConfigVersionResponse,
  ConfigVersionDetail,
  Change: ChangeResponse,
  ApprovalPolicyState: ApprovalPolicyResponse,
  Draw: DrawResponse,
  MyState: MyStateResponse,
  UserWins: UserWinsResponse,
  Claim: ClaimResponse,
  TaskCompleted: TaskCompletedResponse,
  Fairness: FairnessResponse,
  DrawProof: DrawProofResponse,
  MyDraws: MyDrawsPage,
  EventsAccepted: EventsResponse,
  WinnersPage,
  WinAction: WinActionResponse,
  StoredRiskRule: RiskRuleResponse,
  RiskRules: RiskRulesResponse,
  RiskListResult,
  RiskEventPage,
  AuditPage,
  WebhookEndpoint: WebhookEndpointResponse,
  WebhookEndpointWithSecret,
  WebhookDelivery: WebhookDeliveryResponse,
  WebhookDeliveryPage,
  Health: HealthResponse,
};

/** Request bodies, by component name: JSON Schema of what the server accepts (zod's input side). */
const requestSchemas = {
  CreatePrize,
  Restock,
  UpdatePrize,
  AddCodes,
  RiskRule: RiskRuleSpec,
  PatchRiskRule,
  RiskListChange,
  ShipWin,
  WinReason,
  ApproveWin,
  ActivitySpec,
  PatchActivity,
  PatchTier,
  CreateChange,
  EditChange,
  ReviewChange,
  RestoreVersion,
  BreakGlass,
  ApprovalPolicy: ApprovalPolicyInput,
  ClaimWin,
  PoolStockChange,
  EventDelivery,
  CreateWebhookEndpoint,
  PatchWebhookEndpoint,
};

type JsonSchema = Record<string, unknown>;
type ResponseName = keyof typeof responseSchemas;
type RequestName = keyof typeof requestSchemas;

const ref = (name: ResponseName | RequestName) => ({ $ref: `#/components/schemas/${name}` });

/** zod → JSON Schema draft 2020-12 (the dialect of OpenAPI 3.1), one component per name, $refs between them. */
function generate(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(out).map(([id, s]) => {
      const { $schema: _s, $id: _i, ...rest } = s as JsonSchema;
      return [id, rest];
    }),
  );
}

/** One schema inline (a webhook body, a query's fields). */
function inline(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest as JsonSchema;
}

/** A query schema's fields as query parameters. */
function queryParams(schema: z.ZodObject): JsonSchema[] {
  const json = inline(schema, 'input') as { properties: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
}

const errorDescriptions: Record<number, string> = {
  400: 'VALIDATION_FAILED (naming the field) or another refusal of the input',
  401: 'missing, invalid or expired credentials',
  403: 'FORBIDDEN: the key lacks the scope, or the actor may not do this; RISK_BLOCKED for a draw',
  404: 'NOT_FOUND: no such object in the caller’s tenant',
  409: 'the object is not in a state that allows this (the code says which)',
  413: 'the body is larger than allowed',
  415: 'the body is not application/json',
  429: 'RATE_LIMITED: retry after Retry-After seconds',
  503: 'a backing service is unavailable, or the hot state is being rebuilt: retry',
};
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: errorDescriptions[c] ?? 'error', content: { 'application/json': { schema: ref('Error') } } },
    ]),
  );
const json = (schema: JsonSchema, description = 'ok') => ({ description, content: { 'application/json': { schema } } });
const body = (name: RequestName) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
const optionalBody = (name: RequestName) => ({ ...body(name), required: false });
const uuidParam = (name: string, description?: string) => ({
  name,
  in: 'path',
  required: true,
  ...(description ? { description } : {}),
  schema: { type: 'string', format: 'uuid' },
});
const idParam = uuidParam('id');
const activityParam = uuidParam('activityId');
const changeIdParam = uuidParam('changeId');
const prizeIdParam = uuidParam('prizeId');
const winIdParam = uuidParam('winId');
const versionParam = { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const langParam = {
  name: 'lang',
  in: 'query',
  description: 'a language tag such as zh-CN or en; without it, Accept-Language decides',
  schema: { type: 'string', maxLength: 35 },
};
const apiKey = [{ apiKey: [] }];
const userToken = [{ userToken: [] }];

/** A winner action: the console's, for a key with the wins:write scope. */
const winAction = (summary: string, name: RequestName, optional = false) => ({
  post: {
    tags: ['Winners'],
    summary,
    security: apiKey,
    parameters: [winIdParam],
    requestBody: optional ? optionalBody(name) : body(name),
    responses: {
      '200': json(ref('WinAction'), "the win's status after the action"),
      ...errors(400, 401, 403, 404, 409, 415),
    },
  },
});

function outboundWebhooks() {
  return Object.fromEntries(
    webhookEventTypes.map((type) => [
      type,
      {
        post: {
          tags: ['Outbound webhooks'],
          summary: `${type}, POSTed to each enabled endpoint subscribed to it`,
          description:
            'Headers X-Tenant, X-Event-Id, X-Timestamp (unix s) and X-Signature: sha256=<hex HMAC-SHA256 of ' +
            '"<timestamp>.<raw body>" with the endpoint\'s secret>. A 2xx answer delivers it; anything else, or no ' +
            'answer in 10 s, is retried after 10 s, 30 s, 2 min, 10 min, 30 min, then hourly up to 24 h, with the ' +
            'same id: receivers dedupe on it.',
          parameters: ['X-Tenant', 'X-Event-Id', 'X-Timestamp', 'X-Signature'].map((name) => ({
            name,
            in: 'header',
            required: true,
            schema: { type: 'string' },
          })),
          requestBody: {
            required: true,
            content: { 'application/json': { schema: inline(webhookEventBody(type), 'output') } },
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
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Lottery platform API',
      version: '1.0.0',
      description:
        'Errors always have the Error shape; unknown fields are rejected with 400 VALIDATION_FAILED; bodies over ' +
        '64 KiB get 413; a method a path does not serve gets 405 in the same shape. Ids are UUIDs (any case on input).',
    },
    tags: [
      { name: 'End users', description: 'H5 pages and the host app’s client, with a user token' },
      { name: 'Host app', description: 'server to server, signed' },
      { name: 'Prizes', description: 'management API: prizes, their stock and coupon codes' },
      { name: 'Activities', description: 'management API: activities, their lifecycle, stock and figures' },
      { name: 'Changes and versions', description: 'management API: configuration versions, changes, approvals' },
      { name: 'Winners', description: 'management API: winners and the console’s winner actions' },
      { name: 'Risk', description: 'management API: risk rules, blacklists and what they did' },
      { name: 'Audit', description: 'management API: who changed what' },
      { name: 'Webhook endpoints', description: 'management API: outbound webhooks and their delivery log' },
      { name: 'Operations', description: 'health of the service' },
    ],
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
          description:
            'HS256 user token signed with the tenant secret: sub (the host app’s user id), tid (tenant slug), exp; ' +
            'optional dev (device id) and acct (account creation time, s)',
        },
        eventSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Signature',
          description:
            'sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the tenant’s webhook secret>, with X-Tenant ' +
            '(slug) and X-Timestamp (unix s, within 300 s of now)',
        },
      },
      schemas: { ...generate(responseSchemas, 'output'), ...generate(requestSchemas, 'input') },
    },
    webhooks: outboundWebhooks(),
    paths: {
      '/api/v1/activities/{activityId}': {
        get: {
          tags: ['End users'],
          summary:
            'Public view with disclosed odds; names, title and rules in the language of ?lang= or Accept-Language ' +
            '(`lang`: the stored language picked, null for the untranslated text)',
          description:
            'tiers[].probability is the odds that pick the tier now (the time segment in force applied; auto-tuning ' +
            "writes the tier's own odds, tiers[].baseProbability); tiers[].schedule lists the segments in the " +
            "activity's timezone; tiers[].pacing (none | even) can only turn a win into no win; noWinProbability " +
            'is 1 minus the odds in force.',
          security: userToken,
          parameters: [activityParam, langParam],
          responses: { '200': json(ref('PublicActivity')), ...errors(400, 401, 404) },
        },
      },
      '/api/v1/activities/{activityId}/me/draws': {
        get: {
          tags: ['End users'],
          summary: "The user's own draws in the activity, newest first, paged by cursor; each says if it has a proof",
          security: userToken,
          parameters: [activityParam, ...queryParams(MyDrawsQuery)],
          responses: { '200': json(ref('MyDraws')), ...errors(400, 401, 404) },
        },
      },
      '/api/v1/activities/{activityId}/me': {
        get: {
          tags: ['End users'],
          summary:
            "The user's chances, draws today, tasks and wins (task and prize names in the reader's language); " +
            'wins carry claimExpiresAt, expired and, once shipped, shipment { carrier, trackingNumber }',
          security: userToken,
          parameters: [activityParam, langParam],
          responses: { '200': json(ref('MyState')), ...errors(400, 401, 404) },
        },
      },
      '/api/v1/activities/{activityId}/draws': {
        post: {
          tags: ['End users'],
          summary: 'One draw. The same Idempotency-Key again returns the same body and consumes nothing.',
          description:
            'Errors: 409 NO_CHANCES, ACTIVITY_NOT_LIVE, DRAW_LIMIT_REACHED; 429 RATE_LIMITED; 403 RISK_BLOCKED; ' +
            '404 NOT_FOUND; 400 VALIDATION_FAILED (missing or bad key); 503 ACTIVITY_REBUILDING (retry with the same key).',
          security: userToken,
          parameters: [
            activityParam,
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              schema: { type: 'string', minLength: 1, maxLength: 64 },
            },
          ],
          responses: { '200': json(ref('Draw')), ...errors(400, 401, 403, 404, 409, 429, 503) },
        },
      },
      '/api/v1/activities/{activityId}/tasks/{taskId}/complete': {
        post: {
          tags: ['End users'],
          summary:
            'A client-side task (sign_in, share) done once more: grants its chances within its per-day and total caps (409 TASK_CAP_REACHED beyond them); a share task with confirmBy "event" is paid only by the host app\'s share_confirmed event (409 TASK_CONFIRMED_BY_HOST)',
          security: userToken,
          parameters: [activityParam, uuidParam('taskId')],
          responses: { '200': json(ref('TaskCompleted')), ...errors(401, 404, 409) },
        },
      },
      '/api/v1/me/wins': {
        get: {
          tags: ['End users'],
          summary:
            "The user's wins in the token's tenant, prize names in the reader's language; " +
            'a coupon win has its codes (codes: [...], one per unit)',
          security: userToken,
          parameters: [langParam],
          responses: { '200': json(ref('UserWins')), ...errors(400, 401) },
        },
      },
      '/api/v1/wins/{winId}/claim': {
        post: {
          tags: ['End users'],
          summary:
            'Shipping details for a physical prize: only the winner, within the claim window, editable until shipped',
          security: userToken,
          parameters: [winIdParam],
          requestBody: body('ClaimWin'),
          responses: { '200': json(ref('Claim')), ...errors(400, 401, 404, 409, 413, 415) },
        },
      },
      '/api/v1/draws/{drawId}/proof': {
        get: {
          tags: ['End users'],
          summary:
            "The draw owner's proof: activityId, userId, idempotencyKey, commitment, i, r, odds, pickedTier, fallback",
          description: 'Draws made before the activity had a seed answer 409 NOT_PROVABLE (docs/fairness.md).',
          security: userToken,
          parameters: [uuidParam('drawId')],
          responses: { '200': json(ref('DrawProof')), ...errors(401, 404, 409) },
        },
      },
      '/api/v1/activities/{activityId}/fairness': {
        get: {
          tags: ['End users'],
          summary: 'The committed seeds { algorithm, seeds: [{ commitment, activeFrom, activeTo?, seed? }] }',
          security: userToken,
          parameters: [activityParam],
          responses: { '200': json(ref('Fairness')), ...errors(401, 404) },
        },
      },
      '/api/v1/activities/{activityId}/views': {
        post: {
          tags: ['End users'],
          summary: "The play page reports a load (the dashboard funnel's page views); no body, 204",
          security: userToken,
          parameters: [activityParam],
          responses: { '204': { description: 'counted' }, ...errors(401, 404) },
        },
      },
      '/api/v1/events': {
        post: {
          tags: ['Host app'],
          summary:
            'Signed behaviour events from the host app (one, or { events } with at most 500). Headers X-Tenant, X-Timestamp (unix s, ±300 s), X-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the webhook secret>. Each eventId counts once per tenant; chances are granted through EVENT tasks of live activities whose eventType equals type, within their caps. invite_accepted (data.inviteeId) pays the inviter\'s invite tasks once per invitee, never for oneself; share_confirmed (data.taskId) pays that share task when it is confirmed by events.',
          security: [{ eventSignature: [] }],
          parameters: ['X-Tenant', 'X-Timestamp', 'X-Signature'].map((name) => ({
            name,
            in: 'header',
            required: true,
            schema: { type: 'string' },
          })),
          requestBody: body('EventDelivery'),
          responses: { '200': json(ref('EventsAccepted')), ...errors(400, 401, 413, 415) },
        },
      },
      '/api/health': {
        get: {
          tags: ['Operations'],
          summary: 'PostgreSQL, Redis and workers answer',
          security: [],
          responses: {
            '200': json(
              ref('Health'),
              'everything answers; risky settings (Redis without persistence or evicting keys) in warnings',
            ),
            '503': json(ref('Health'), 'a part is down, named in checks'),
          },
        },
      },
      '/api/manage/prizes': {
        post: {
          tags: ['Prizes'],
          summary: 'Create a prize; its total pool starts at stock',
          security: apiKey,
          requestBody: body('CreatePrize'),
          responses: { '201': json(ref('Prize'), 'created'), ...errors(400, 401, 403, 413, 415) },
        },
        get: {
          tags: ['Prizes'],
          summary: "List the tenant's prizes (newest first, cursor paged)",
          security: apiKey,
          parameters: queryParams(ListQuery),
          responses: { '200': json(ref('PrizePage')), ...errors(400, 401) },
        },
      },
      '/api/manage/prizes/{prizeId}': {
        get: {
          tags: ['Prizes'],
          summary: 'One prize with total / available / reserved stock',
          security: apiKey,
          parameters: [prizeIdParam],
          responses: { '200': json(ref('Prize')), ...errors(401, 404) },
        },
        patch: {
          tags: ['Prizes'],
          summary:
            'Change its name, description, image or names per language (translations replaces the set); kind, value and stock do not change here',
          security: apiKey,
          parameters: [prizeIdParam],
          requestBody: body('UpdatePrize'),
          responses: { '200': json(ref('Prize')), ...errors(400, 401, 403, 404, 413, 415) },
        },
      },
      '/api/manage/prizes/{prizeId}/restock': {
        post: {
          tags: ['Prizes'],
          summary:
            'Add to the total pool, or take from it (never below 0 available); a coupon prize’s stock is its codes (409)',
          security: apiKey,
          parameters: [prizeIdParam],
          requestBody: body('Restock'),
          responses: { '200': json(ref('Prize')), ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      '/api/manage/prizes/{prizeId}/codes': {
        post: {
          tags: ['Prizes'],
          summary:
            'Add codes to a coupon prize (its stock is its unused codes): at most 10,000 a call, all or nothing; a code ' +
            'repeated in the call or already stored is refused (400, listed in details.duplicates). The body may ' +
            'exceed the usual 64 KiB (up to 1.2 MB). Each unit won takes one code inside the draw: the draw answer ' +
            "has prizes[].codes, one per unit, and so have the user's wins",
          security: apiKey,
          parameters: [prizeIdParam],
          requestBody: body('AddCodes'),
          responses: { '200': json(ref('CodesAdded')), ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      '/api/manage/activities': {
        post: {
          tags: ['Activities'],
          summary: 'Create a DRAFT activity from a spec (odds in [0, 1] at 1e-6, summing to at most 1)',
          security: apiKey,
          requestBody: body('ActivitySpec'),
          responses: { '201': json(ref('Activity'), 'created'), ...errors(400, 401, 403, 404, 413, 415) },
        },
      },
      '/api/manage/activities/{id}': {
        get: {
          tags: ['Activities'],
          summary: 'The spec plus status and stock figures',
          security: apiKey,
          parameters: [idParam],
          responses: { '200': json(ref('Activity')), ...errors(401, 404) },
        },
        patch: {
          tags: ['Activities'],
          summary:
            'Move the period. Of a published activity it is a change: applied at once (200, the draw enforces it and the scheduled start and end follow it), or 202 with the pending change under an approval policy covering the period',
          security: apiKey,
          parameters: [idParam],
          requestBody: body('PatchActivity'),
          responses: {
            '200': json(ref('Activity')),
            '202': json(ref('Change'), 'waiting for approvals'),
            ...errors(400, 401, 403, 404, 409, 413, 415),
          },
        },
      },
      '/api/manage/activities/{id}/publish': {
        post: {
          tags: ['Activities'],
          summary: 'Reserve stock from the total pools, pre-warm Redis; LIVE or SCHEDULED',
          security: apiKey,
          parameters: [idParam],
          responses: { '200': json(ref('Activity')), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/manage/activities/{id}/pause': {
        post: {
          tags: ['Activities'],
          summary:
            'Pause a live or scheduled activity (break-glass: never waits for approvals; under an approval policy `reason` is required)',
          security: apiKey,
          parameters: [idParam],
          requestBody: optionalBody('BreakGlass'),
          responses: { '200': json(ref('Activity')), ...errors(400, 401, 403, 404, 409, 415) },
        },
      },
      '/api/manage/activities/{id}/resume': {
        post: {
          tags: ['Activities'],
          summary: 'Resume a paused activity (an optional `reason` goes into the audit entry)',
          security: apiKey,
          parameters: [idParam],
          requestBody: optionalBody('BreakGlass'),
          responses: { '200': json(ref('Activity')), ...errors(400, 401, 403, 404, 409, 415) },
        },
      },
      '/api/manage/activities/{id}/end': {
        post: {
          tags: ['Activities'],
          summary:
            'End the activity; unused stock returns to the total pools exactly once (break-glass: never waits for approvals; under an approval policy `reason` is required)',
          security: apiKey,
          parameters: [idParam],
          requestBody: optionalBody('BreakGlass'),
          responses: { '200': json(ref('Activity')), ...errors(400, 401, 403, 404, 409, 415) },
        },
      },
      '/api/manage/activities/{id}/tiers/{tierId}': {
        patch: {
          tags: ['Activities'],
          summary:
            "Change a tier's probability or stock, also while live; 202 with the pending change when the approval policy covers it",
          security: apiKey,
          parameters: [idParam, uuidParam('tierId')],
          requestBody: body('PatchTier'),
          responses: {
            '200': json(ref('Activity'), 'applied'),
            '202': json(ref('Change'), 'waiting for approvals'),
            ...errors(400, 401, 403, 404, 409, 415),
          },
        },
      },
      '/api/manage/activities/{id}/stock': {
        post: {
          tags: ['Activities'],
          summary: "Move units between a prize's total pool and this activity's pool, also while live",
          security: apiKey,
          parameters: [idParam],
          requestBody: body('PoolStockChange'),
          responses: {
            '200': json(ref('Pool'), "the activity's pool of that prize"),
            ...errors(400, 401, 403, 404, 409, 415, 503),
          },
        },
      },
      '/api/manage/activities/{id}/stats': {
        get: {
          tags: ['Activities'],
          summary: 'Draws, wins, unique users, per tier and per prize pool: exact, from PostgreSQL',
          security: apiKey,
          parameters: [idParam],
          responses: { '200': json(ref('ActivityStats')), ...errors(401, 404) },
        },
      },
      '/api/manage/activities/{id}/winners': {
        get: {
          tags: ['Winners'],
          summary: 'Winners, newest first, cursor paged; ?format=csv streams them all as CSV',
          security: apiKey,
          parameters: [idParam, ...queryParams(WinnersQuery)],
          responses: {
            '200': {
              description: 'a page of winners, or with format=csv every winner as CSV',
              content: {
                'application/json': { schema: ref('WinnersPage') },
                'text/csv': { schema: { type: 'string' } },
              },
            },
            ...errors(400, 401, 404),
          },
        },
      },
      '/api/manage/activities/{id}/versions': {
        get: {
          tags: ['Changes and versions'],
          summary: 'Every applied configuration of the activity, oldest first: version, hash, who, when, what changed',
          security: apiKey,
          parameters: [idParam],
          responses: { '200': json({ type: 'array', items: ref('ConfigVersion') }), ...errors(401, 404) },
        },
      },
      '/api/manage/activities/{id}/versions/{version}': {
        get: {
          tags: ['Changes and versions'],
          summary: 'One version with its whole configuration (the spec, each tier with its id)',
          security: apiKey,
          parameters: [idParam, versionParam],
          responses: { '200': json(ref('ConfigVersionDetail')), ...errors(401, 404) },
        },
      },
      '/api/manage/activities/{id}/versions/{version}/restore': {
        post: {
          tags: ['Changes and versions'],
          summary: 'Propose the change back to that version (the same approval rules as any change)',
          security: apiKey,
          parameters: [idParam, versionParam],
          requestBody: optionalBody('RestoreVersion'),
          responses: { '201': json(ref('Change'), 'proposed'), ...errors(400, 401, 403, 404, 409, 415) },
        },
      },
      '/api/manage/activities/{id}/changes': {
        post: {
          tags: ['Changes and versions'],
          summary:
            'Propose a change of the configuration against a base version: diff, cost; applies at once without a policy covering it',
          security: apiKey,
          parameters: [idParam],
          requestBody: body('CreateChange'),
          responses: { '201': json(ref('Change'), 'proposed'), ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      '/api/manage/activities/{id}/fairness/rotate': {
        post: {
          tags: ['Activities'],
          summary: 'Reveal the current fairness seed and commit a new one; answers the seeds as the public route does',
          security: apiKey,
          parameters: [idParam],
          responses: { '200': json(ref('Fairness')), ...errors(401, 403, 404, 409) },
        },
      },
      '/api/manage/changes': {
        get: {
          tags: ['Changes and versions'],
          summary: "The tenant's changes, newest first",
          security: apiKey,
          parameters: queryParams(ChangesQuery),
          responses: { '200': json({ type: 'array', items: ref('Change') }), ...errors(400, 401) },
        },
      },
      '/api/manage/changes/{changeId}': {
        get: {
          tags: ['Changes and versions'],
          summary: 'One change',
          security: apiKey,
          parameters: [changeIdParam],
          responses: { '200': json(ref('Change')), ...errors(401, 404) },
        },
        patch: {
          tags: ['Changes and versions'],
          summary: 'Edit a change that has not applied: a new hash, its approvals void',
          security: apiKey,
          parameters: [changeIdParam],
          requestBody: body('EditChange'),
          responses: { '200': json(ref('Change')), ...errors(400, 401, 403, 404, 409, 415) },
        },
        delete: {
          tags: ['Changes and versions'],
          summary: 'Cancel a change that has not applied',
          security: apiKey,
          parameters: [changeIdParam],
          responses: { '200': json(ref('Change')), ...errors(401, 403, 404, 409) },
        },
      },
      '/api/manage/changes/{changeId}/approve': {
        post: {
          tags: ['Changes and versions'],
          summary:
            'Approve the change as it is now (its hash); not by its proposer, nor by a key the proposer created; applies it once approved enough',
          security: apiKey,
          parameters: [changeIdParam],
          requestBody: optionalBody('ReviewChange'),
          responses: { '200': json(ref('Change')), ...errors(400, 401, 403, 404, 409, 415) },
        },
      },
      '/api/manage/changes/{changeId}/reject': {
        post: {
          tags: ['Changes and versions'],
          summary: 'Reject the change, optionally saying why',
          security: apiKey,
          parameters: [changeIdParam],
          requestBody: optionalBody('ReviewChange'),
          responses: { '200': json(ref('Change')), ...errors(400, 401, 403, 404, 409, 415) },
        },
      },
      '/api/manage/settings/approvals': {
        get: {
          tags: ['Changes and versions'],
          summary: "The tenant's approval policy for changes of live configurations",
          security: apiKey,
          responses: { '200': json(ref('ApprovalPolicyState')), ...errors(401) },
        },
        put: {
          tags: ['Changes and versions'],
          summary: 'Set the approval policy: changes touching `scope` wait for `required` approvals (0: apply at once)',
          security: apiKey,
          requestBody: body('ApprovalPolicy'),
          responses: { '200': json(ref('ApprovalPolicyState')), ...errors(400, 401, 403, 415) },
        },
      },
      '/api/manage/wins/{winId}/ship': winAction('A claimed physical win is on its way', 'ShipWin'),
      '/api/manage/wins/{winId}/void': winAction('Void a win, saying why', 'WinReason'),
      '/api/manage/wins/{winId}/approve': winAction(
        'Release a win held for review (body {} or none)',
        'ApproveWin',
        true,
      ),
      '/api/manage/wins/{winId}/reject': winAction('Refuse a win held for review, saying why (voids it)', 'WinReason'),
      '/api/manage/risk/rules': {
        get: {
          tags: ['Risk'],
          summary: "The tenant's risk rules (as the console's Risk page lists them)",
          security: apiKey,
          responses: { '200': json(ref('RiskRules')), ...errors(401) },
        },
        post: {
          tags: ['Risk'],
          summary: 'Add a risk rule (tenant-wide, or for one activity); the draw follows at once',
          security: apiKey,
          requestBody: body('RiskRule'),
          responses: { '201': json(ref('StoredRiskRule'), 'created'), ...errors(400, 401, 403, 404, 413, 415) },
        },
      },
      '/api/manage/risk/rules/{id}': {
        patch: {
          tags: ['Risk'],
          summary: 'Switch a rule on or off, or change what a hit does',
          security: apiKey,
          parameters: [idParam],
          requestBody: body('PatchRiskRule'),
          responses: { '200': json(ref('StoredRiskRule')), ...errors(400, 401, 403, 404, 415) },
        },
        delete: {
          tags: ['Risk'],
          summary: 'Remove a rule',
          security: apiKey,
          parameters: [idParam],
          responses: { '204': { description: 'removed' }, ...errors(401, 403, 404) },
        },
      },
      '/api/manage/risk/lists': {
        post: {
          tags: ['Risk'],
          summary:
            'Add values to a blacklist (user, device or ip) or take them off; at most 10,000 a call -> { action, changed }',
          security: apiKey,
          requestBody: body('RiskListChange'),
          responses: { '200': json(ref('RiskListResult')), ...errors(400, 401, 403, 413, 415) },
        },
      },
      '/api/manage/risk/events': {
        get: {
          tags: ['Risk'],
          summary: 'What the risk rules did, newest first: { items, nextCursor }; pass nextCursor as cursor',
          security: apiKey,
          parameters: queryParams(RiskEventsQuery),
          responses: { '200': json(ref('RiskEventPage')), ...errors(400, 401) },
        },
      },
      '/api/manage/audit': {
        get: {
          tags: ['Audit'],
          summary:
            'Every change with who, when, before and after, newest first: { items, nextCursor }; a read-only key sees ' +
            'operators by stand-in, as an analyst does',
          security: apiKey,
          parameters: queryParams(AuditQuery),
          responses: { '200': json(ref('AuditPage')), ...errors(400, 401) },
        },
      },
      '/api/manage/webhook-endpoints': {
        post: {
          tags: ['Webhook endpoints'],
          summary: 'Add an outbound webhook endpoint; its signing secret is in this answer only',
          security: apiKey,
          requestBody: body('CreateWebhookEndpoint'),
          responses: {
            '201': json(ref('WebhookEndpointWithSecret'), 'created'),
            ...errors(400, 401, 403, 409, 413, 415),
          },
        },
        get: {
          tags: ['Webhook endpoints'],
          summary: "The tenant's webhook endpoints (no secrets)",
          security: apiKey,
          responses: { '200': json({ type: 'array', items: ref('WebhookEndpoint') }), ...errors(401) },
        },
      },
      '/api/manage/webhook-endpoints/{id}': {
        get: {
          tags: ['Webhook endpoints'],
          summary: 'One webhook endpoint (no secret)',
          security: apiKey,
          parameters: [idParam],
          responses: { '200': json(ref('WebhookEndpoint')), ...errors(401, 404) },
        },
        patch: {
          tags: ['Webhook endpoints'],
          summary: 'Change url, events, enabled or fulfilment; enabling again clears its failing state',
          security: apiKey,
          parameters: [idParam],
          requestBody: body('PatchWebhookEndpoint'),
          responses: { '200': json(ref('WebhookEndpoint')), ...errors(400, 401, 403, 404, 413, 415) },
        },
        delete: {
          tags: ['Webhook endpoints'],
          summary: 'Remove the endpoint and its delivery log',
          security: apiKey,
          parameters: [idParam],
          responses: { '204': { description: 'removed' }, ...errors(401, 403, 404) },
        },
      },
      '/api/manage/webhook-endpoints/{id}/rotate-secret': {
        post: {
          tags: ['Webhook endpoints'],
          summary: 'A new signing secret, in this answer only; deliveries are signed with it from now on',
          security: apiKey,
          parameters: [idParam],
          responses: { '200': json(ref('WebhookEndpointWithSecret')), ...errors(401, 403, 404) },
        },
      },
      '/api/manage/webhook-endpoints/{id}/deliveries': {
        get: {
          tags: ['Webhook endpoints'],
          summary:
            'The delivery log, newest first: status, last response code, latency, attempts; ?status=&limit=&cursor=',
          security: apiKey,
          parameters: [idParam, ...queryParams(ListDeliveriesQuery)],
          responses: { '200': json(ref('WebhookDeliveryPage')), ...errors(400, 401, 404) },
        },
      },
      '/api/manage/webhook-endpoints/{id}/deliveries/{deliveryId}': {
        get: {
          tags: ['Webhook endpoints'],
          summary: 'One delivery of the log, with every attempt made (attemptLog)',
          security: apiKey,
          parameters: [idParam, uuidParam('deliveryId')],
          responses: { '200': json(ref('WebhookDelivery')), ...errors(401, 404) },
        },
      },
      '/api/manage/webhook-endpoints/{id}/deliveries/{deliveryId}/retry': {
        post: {
          tags: ['Webhook endpoints'],
          summary: 'Send one delivery again now (whatever its status), with the same event id; 24 h of retries again',
          security: apiKey,
          parameters: [idParam, uuidParam('deliveryId')],
          responses: { '202': json(ref('WebhookDelivery'), 'queued'), ...errors(401, 403, 404) },
        },
      },
    },
  };
}
