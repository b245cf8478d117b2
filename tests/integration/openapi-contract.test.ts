// The OpenAPI document against the real routes: every operation it lists is called here, once with
// a valid request and at least once with a refused one, and each answer's status must be one the
// document gives for that operation and its body must match the document's schema for that status
// (ajv, JSON Schema draft 2020-12, the dialect of OpenAPI 3.1). An operation in the document without
// calls in the table below fails the run, and so does a call whose operation the document lacks.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/openapi/openapi-document';
import { createApiKey } from '@/lib/auth/api-keys';
import { signBody } from '@/lib/auth/hmac-signature';
import { mintUserToken } from '@/lib/auth/user-token';
import { createActivity } from '@/lib/activities/create-activity';
import { publishActivity } from '@/lib/activities/publish-activity';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { claimWin } from '@/lib/fulfilment/claim-win';
import { expireClaims } from '@/lib/fulfilment/expire-claims';
import { runTransition } from '@/lib/activities/lifecycle';
import { raiseConditionAlert } from '@/lib/alerts/raise-condition-alert';
import { closeQueues } from '@/lib/queues';
import { createRedis } from '@/lib/redis';
import { createRiskRule } from '@/lib/risk/manage-risk';
import { createPrize } from '@/lib/prizes/create-prize';
import { createWebhookEndpoint } from '@/lib/webhooks/manage-endpoints';
import { beat, forget } from '@/lib/workers/heartbeat';
import { webhookEventTypes } from '@/lib/webhooks/event-types';
import { winCreatedData } from '@/lib/webhooks/win-created-data';
import { endUser, specFor, testActor } from '../helpers/activities';
import { bearer, callRoute, freshTenant, membersOfEachRole } from '../helpers/fixtures';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Call = {
  /** The status the call must get; it must also be documented for the operation. */
  status: number;
  params?: Record<string, string>;
  query?: string;
  headers?: Record<string, string>;
  body?: string | object;
  /** Done right before the call. */
  before?: () => Promise<unknown>;
};
type Json = Record<string, unknown>;

const doc = JSON.parse(JSON.stringify(openApiDocument())) as {
  webhooks: Record<string, { post: { requestBody: { content: Record<string, { schema: Json }> } } }>;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Json }> }> }>>;
  components: Json;
};

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
const validators = new Map<string, ReturnType<Ajv2020['compile']>>();

/** The document's schema for one answer, with the components its $refs point into. */
function validatorFor(pathKey: string, method: Method, status: number, contentType: string) {
  const id = `${method} ${pathKey} ${status} ${contentType}`;
  let v = validators.get(id);
  if (!v) {
    const schema = doc.paths[pathKey]![method]!.responses[String(status)]!.content![contentType]!.schema;
    v = ajv.compile({ ...schema, components: doc.components });
    validators.set(id, v);
  }
  return v;
}

/** The route module that serves an OpenAPI path: /api/manage/prizes/{prizeId} → app/api/manage/prizes/[prizeId]. */
async function handlerFor(pathKey: string, method: Method) {
  const dir = pathKey.replace(/\{([^}]+)\}/g, '[$1]');
  const mod = await import(/* @vite-ignore */ path.resolve(`app${dir}/route.ts`));
  return mod[method.toUpperCase()] as Parameters<typeof callRoute>[0];
}

const redis = createRedis('worker');
afterAll(async () => {
  await closeQueues();
  await redis.quit();
});

type World = Awaited<ReturnType<typeof makeWorld>>;

/** A tenant with prizes, a live activity with tasks, a webhook endpoint, a user with a win. */
async function makeWorld() {
  const t = await freshTenant();
  const other = await freshTenant();
  const auth = bearer(t.apiKey);
  const roles = await membersOfEachRole(t.id);
  const keyOf = async (id: string) => bearer((await createApiKey(t.id, { type: 'OPERATOR', id }, `key ${id}`)).key);
  const alice = await keyOf(roles.OWNER);
  const bob = await keyOf(roles.OPERATOR);
  const physical = await createPrize(t.id, testActor, { name: 'Mug', kind: 'physical', value: 9.9, stock: 5000 });
  const coupon = await createPrize(t.id, testActor, { name: 'Voucher', kind: 'coupon', value: 5, stock: 0 });
  const endpoint = await createWebhookEndpoint(t.id, testActor, {
    url: 'http://127.0.0.1:9/hook',
    events: [...webhookEventTypes],
  });
  const live = async (overrides: Parameters<typeof specFor>[1] = {}) => {
    const draft = await createActivity(
      t.id,
      testActor,
      specFor([{ name: 'Mug', probability: 1, stock: 100, prizes: [{ prizeId: physical.id }] }], {
        limits: { freeDrawsPerDay: 50 },
        claimWindowHours: 48,
        ...overrides,
      }),
    );
    return publishActivity(t.id, testActor, draft.id);
  };
  const activity = await live({
    tasks: [
      { kind: 'sign_in', name: 'Check in', chances: 1, perDay: 5 },
      { kind: 'event', eventType: 'post_created', name: 'Post', chances: 1, perDay: 3 },
    ],
  });
  const tasks = await db.task.findMany({ where: { activityId: activity.id }, orderBy: { position: 'asc' } });
  const tiers = await db.tier.findMany({ where: { activityId: activity.id }, orderBy: { position: 'asc' } });
  const user = (userId: string) => endUser(t, userId);
  const token = async (userId: string) =>
    bearer(await mintUserToken(t.userTokenSecret, { tenantSlug: t.slug, userId }, 3600));
  /** A fresh win of `userId` in the live activity; claimed when asked. */
  const win = async (userId: string, { claimed = false } = {}) => {
    const d = await executeDraw(user(userId), activity.id, randomUUID());
    const winId = d.winIds[0]!;
    if (claimed) await claimWin(user(userId), winId, { name: 'Amy', phone: '13800000000', address: '1 Road, City' });
    return { drawId: d.drawId, winId };
  };
  const first = await win('amy');
  return { t, other, auth, alice, bob, physical, coupon, endpoint, activity, tasks, tiers, live, token, win, first };
}

let proposals = 60;

/** A tenant whose changes wait for one approval, with a live activity and a pending change of it. */
async function makeChangeWorld(w: World) {
  const policy = await callRoute(await handlerFor('/api/manage/settings/approvals', 'put'), {
    method: 'PUT',
    headers: w.alice,
    body: { required: 1 },
  });
  expect(policy.status).toBe(200);
  const propose = async () => {
    const res = await callRoute(await handlerFor('/api/manage/activities/{id}/changes', 'post'), {
      method: 'POST',
      headers: w.alice,
      params: { id: w.activity.id },
      body: { patch: { limits: { maxDrawsPerDay: ++proposals } }, reason: 'more draws' },
    });
    expect(res.json.status, res.text).toBe('PENDING');
    return res.json.id as string;
  };
  return { propose };
}

const uuid = () => randomUUID();
const nowSeconds = () => Math.floor(Date.now() / 1000);
const signed = (w: World, raw: string, secret = w.t.webhookSecret) => {
  const ts = nowSeconds();
  return { 'x-tenant': w.t.slug, 'x-timestamp': String(ts), 'x-signature': signBody(secret, ts, raw) };
};

/**
 * Every operation's calls: valid ones and refusals. Operations run in this order, each after
 * the ones above it, so one that ends or removes something uses an object of its own.
 */
const table: Record<string, (w: World) => Promise<Call[]>> = {
  // End users
  'get /api/v1/activities/{activityId}': async (w) => [
    { status: 200, headers: await w.token('amy'), params: { activityId: w.activity.id }, query: '?lang=en' },
    { status: 401, params: { activityId: w.activity.id } },
    { status: 404, headers: await w.token('amy'), params: { activityId: uuid() } },
    { status: 400, headers: await w.token('amy'), params: { activityId: w.activity.id }, query: '?lang=%00' },
  ],
  'get /api/v1/activities/{activityId}/me': async (w) => [
    { status: 200, headers: await w.token('amy'), params: { activityId: w.activity.id } },
    { status: 404, headers: await w.token('amy'), params: { activityId: uuid() } },
  ],
  'post /api/v1/activities/{activityId}/draws': async (w) => [
    {
      status: 200,
      headers: { ...(await w.token('bea')), 'idempotency-key': 'k-1' },
      params: { activityId: w.activity.id },
    },
    { status: 400, headers: await w.token('bea'), params: { activityId: w.activity.id } },
    { status: 404, headers: { ...(await w.token('bea')), 'idempotency-key': 'k-2' }, params: { activityId: uuid() } },
    { status: 401, headers: { 'idempotency-key': 'k-3' }, params: { activityId: w.activity.id } },
  ],
  'post /api/v1/activities/{activityId}/tasks/{taskId}/complete': async (w) => [
    { status: 200, headers: await w.token('amy'), params: { activityId: w.activity.id, taskId: w.tasks[0]!.id } },
    { status: 409, headers: await w.token('amy'), params: { activityId: w.activity.id, taskId: w.tasks[1]!.id } },
    { status: 404, headers: await w.token('amy'), params: { activityId: w.activity.id, taskId: uuid() } },
  ],
  'get /api/v1/me/wins': async (w) => [{ status: 200, headers: await w.token('amy') }, { status: 401 }],
  'post /api/v1/wins/{winId}/claim': async (w) => {
    const { winId } = await w.win('cat');
    return [
      {
        status: 200,
        headers: await w.token('cat'),
        params: { winId },
        body: { name: 'Cat', phone: '13800000001', address: { street: '2 Road', city: 'Town' } },
      },
      { status: 400, headers: await w.token('cat'), params: { winId }, body: { name: 'Cat' } },
      {
        status: 404,
        headers: await w.token('dan'),
        params: { winId },
        body: { name: 'Dan', phone: '13800000002', address: '3 Road, City' },
      },
    ];
  },
  'get /api/v1/draws/{drawId}/proof': async (w) => [
    { status: 200, headers: await w.token('amy'), params: { drawId: w.first.drawId } },
    { status: 404, headers: await w.token('bea'), params: { drawId: w.first.drawId } },
  ],
  'get /api/v1/activities/{activityId}/fairness': async (w) => [
    { status: 200, headers: await w.token('amy'), params: { activityId: w.activity.id } },
    { status: 404, headers: await w.token('amy'), params: { activityId: uuid() } },
  ],
  'get /api/v1/activities/{activityId}/me/draws': async (w) => [
    { status: 200, headers: await w.token('amy'), params: { activityId: w.activity.id }, query: '?limit=1' },
    { status: 400, headers: await w.token('amy'), params: { activityId: w.activity.id }, query: '?limit=0' },
    { status: 404, headers: await w.token('amy'), params: { activityId: uuid() } },
  ],
  'post /api/v1/activities/{activityId}/views': async (w) => [
    { status: 204, headers: await w.token('amy'), params: { activityId: w.activity.id } },
    { status: 404, headers: await w.token('amy'), params: { activityId: uuid() } },
  ],
  // Host app
  'post /api/v1/events': async (w) => {
    const raw = JSON.stringify({
      events: [{ eventId: uuid(), userId: 'amy', type: 'post_created', occurredAt: new Date().toISOString() }],
    });
    const bad = JSON.stringify({ eventId: 'e', userId: 'amy', type: 'x', occurredAt: 'yesterday' });
    const json = { 'content-type': 'application/json' };
    return [
      { status: 200, headers: { ...json, ...signed(w, raw) }, body: raw },
      { status: 401, headers: { ...json, ...signed(w, raw, 'not-the-secret') }, body: raw },
      { status: 400, headers: { ...json, ...signed(w, bad) }, body: bad },
    ];
  },
  'get /api/health': async () => [
    { status: 200, before: () => beat(redis, 'contract-test') },
    { status: 503, before: () => forget(redis, 'contract-test') },
  ],
  // Prizes
  'post /api/manage/prizes': async (w) => [
    { status: 201, headers: w.auth, body: { name: 'Cap', kind: 'physical', value: 3, stock: 10 } },
    { status: 400, headers: w.auth, body: { kind: 'physical', stock: 10 } },
    { status: 401, body: { name: 'Cap', kind: 'physical', stock: 10 } },
  ],
  'get /api/manage/prizes': async (w) => [
    { status: 200, headers: w.auth, query: '?limit=1' },
    { status: 400, headers: w.auth, query: '?limit=0' },
  ],
  'get /api/manage/prizes/{prizeId}': async (w) => [
    { status: 200, headers: w.auth, params: { prizeId: w.physical.id } },
    { status: 404, headers: bearer(w.other.apiKey), params: { prizeId: w.physical.id } },
  ],
  'patch /api/manage/prizes/{prizeId}': async (w) => [
    {
      status: 200,
      headers: w.auth,
      params: { prizeId: w.physical.id },
      body: { name: 'Mug', translations: { en: { name: 'Mug' } } },
    },
    { status: 400, headers: w.auth, params: { prizeId: w.physical.id }, body: { stock: 3 } },
    { status: 404, headers: w.auth, params: { prizeId: uuid() }, body: { name: 'x' } },
  ],
  'post /api/manage/prizes/{prizeId}/restock': async (w) => [
    { status: 200, headers: w.auth, params: { prizeId: w.physical.id }, body: { quantity: 5 } },
    { status: 400, headers: w.auth, params: { prizeId: w.physical.id }, body: { quantity: 'five' } },
    { status: 409, headers: w.auth, params: { prizeId: w.coupon.id }, body: { quantity: 5 } },
  ],
  'post /api/manage/prizes/{prizeId}/codes': async (w) => [
    { status: 200, headers: w.auth, params: { prizeId: w.coupon.id }, body: { codes: ['A-1', 'A-2'] } },
    { status: 400, headers: w.auth, params: { prizeId: w.coupon.id }, body: { codes: ['A-1'] } },
    { status: 404, headers: w.auth, params: { prizeId: uuid() }, body: { codes: ['B-1'] } },
  ],
  // Activities
  'post /api/manage/activities': async (w) => {
    const spec = specFor([{ probability: 0.5, stock: 5, prizes: [{ prizeId: w.physical.id }] }]);
    return [
      { status: 201, headers: w.auth, body: spec },
      { status: 400, headers: w.auth, body: { ...spec, tiers: [{ ...spec.tiers[0], probability: 2 }] } },
    ];
  },
  'get /api/manage/activities/{id}': async (w) => [
    { status: 200, headers: w.auth, params: { id: w.activity.id } },
    { status: 404, headers: bearer(w.other.apiKey), params: { id: w.activity.id } },
  ],
  'patch /api/manage/activities/{id}': async (w) => [
    {
      status: 200,
      headers: w.auth,
      params: { id: w.activity.id },
      body: { endsAt: new Date(Date.now() + 48 * 3600_000).toISOString() },
    },
    { status: 400, headers: w.auth, params: { id: w.activity.id }, body: { endsAt: '2027-02-30T00:00:00Z' } },
  ],
  'post /api/manage/activities/{id}/publish': async (w) => {
    const draft = await createActivity(
      w.t.id,
      testActor,
      specFor([{ probability: 0.5, stock: 5, prizes: [{ prizeId: w.physical.id }] }]),
    );
    return [
      { status: 200, headers: w.auth, params: { id: draft.id } },
      { status: 409, headers: w.auth, params: { id: draft.id } },
    ];
  },
  'post /api/manage/activities/{id}/pause': async (w) => {
    const a = await w.live();
    return [
      { status: 200, headers: w.auth, params: { id: a.id }, body: { reason: 'checking' } },
      { status: 409, headers: w.auth, params: { id: a.id } },
      { status: 400, headers: w.auth, params: { id: a.id }, body: { why: 'x' } },
    ];
  },
  'post /api/manage/activities/{id}/resume': async (w) => {
    const a = await w.live();
    await callRoute(await handlerFor('/api/manage/activities/{id}/pause', 'post'), {
      method: 'POST',
      headers: w.auth,
      params: { id: a.id },
    });
    return [
      { status: 200, headers: w.auth, params: { id: a.id } },
      { status: 409, headers: w.auth, params: { id: a.id } },
    ];
  },
  'post /api/manage/activities/{id}/end': async (w) => {
    const a = await w.live();
    return [
      { status: 200, headers: w.auth, params: { id: a.id } },
      { status: 409, headers: w.auth, params: { id: a.id } },
    ];
  },
  'patch /api/manage/activities/{id}/tiers/{tierId}': async (w) => [
    { status: 200, headers: w.auth, params: { id: w.activity.id, tierId: w.tiers[0]!.id }, body: { stock: 120 } },
    { status: 400, headers: w.auth, params: { id: w.activity.id, tierId: w.tiers[0]!.id }, body: { probability: 2 } },
    { status: 404, headers: w.auth, params: { id: w.activity.id, tierId: uuid() }, body: { stock: 1 } },
  ],
  'post /api/manage/activities/{id}/stock': async (w) => [
    { status: 200, headers: w.auth, params: { id: w.activity.id }, body: { prizeId: w.physical.id, quantity: 3 } },
    { status: 400, headers: w.auth, params: { id: w.activity.id }, body: { prizeId: w.physical.id, quantity: 0 } },
    {
      status: 409,
      headers: w.auth,
      params: { id: w.activity.id },
      body: { prizeId: w.physical.id, quantity: 100_000_000 },
    },
  ],
  'get /api/manage/activities/{id}/stats': async (w) => [
    { status: 200, headers: w.auth, params: { id: w.activity.id } },
    { status: 404, headers: w.auth, params: { id: uuid() } },
  ],
  'get /api/manage/activities/{id}/winners': async (w) => [
    { status: 200, headers: w.auth, params: { id: w.activity.id }, query: '?limit=2' },
    { status: 200, headers: w.auth, params: { id: w.activity.id }, query: '?format=csv' },
    { status: 400, headers: w.auth, params: { id: w.activity.id }, query: '?format=xml' },
    { status: 404, headers: w.auth, params: { id: uuid() } },
  ],
  'get /api/manage/activities/{id}/versions': async (w) => [
    { status: 200, headers: w.auth, params: { id: w.activity.id } },
    { status: 404, headers: w.auth, params: { id: uuid() } },
  ],
  'get /api/manage/activities/{id}/versions/{version}': async (w) => [
    { status: 200, headers: w.auth, params: { id: w.activity.id, version: '1' } },
    { status: 404, headers: w.auth, params: { id: w.activity.id, version: '999' } },
  ],
  'post /api/manage/activities/{id}/versions/{version}/restore': async (w) => {
    const a = await w.live();
    const changed = await callRoute(await handlerFor('/api/manage/activities/{id}/changes', 'post'), {
      method: 'POST',
      headers: w.auth,
      params: { id: a.id },
      body: { patch: { limits: { maxDrawsPerDay: 60 } } },
    });
    expect(changed.json.status, changed.text).toBe('APPLIED');
    return [
      { status: 201, headers: w.auth, params: { id: a.id, version: '1' }, body: { reason: 'back' } },
      { status: 404, headers: w.auth, params: { id: a.id, version: '999' } },
      { status: 400, headers: w.auth, params: { id: a.id, version: '1' }, body: { nope: 1 } },
    ];
  },
  'post /api/manage/activities/{id}/changes': async (w) => [
    {
      status: 201,
      headers: w.auth,
      params: { id: w.activity.id },
      body: { patch: { tiers: [{ id: w.tiers[0]!.id, stock: 130 }] } },
    },
    { status: 400, headers: w.auth, params: { id: w.activity.id }, body: { patch: { tiers: 'all' } } },
    { status: 404, headers: w.auth, params: { id: uuid() }, body: { patch: { limits: { maxDrawsPerDay: 3 } } } },
  ],
  'post /api/manage/activities/{id}/fairness/rotate': async (w) => [
    { status: 200, headers: w.auth, params: { id: w.activity.id } },
    { status: 404, headers: w.auth, params: { id: uuid() } },
  ],
  // Winner actions
  'post /api/manage/wins/{winId}/ship': async (w) => {
    const { winId } = await w.win('eve', { claimed: true });
    return [
      { status: 200, headers: w.auth, params: { winId }, body: { carrier: 'SF', trackingNumber: 'SF100' } },
      { status: 400, headers: w.auth, params: { winId }, body: { carrier: 'SF' } },
    ];
  },
  'post /api/manage/wins/{winId}/void': async (w) => {
    const { winId } = await w.win('fay');
    return [
      { status: 200, headers: w.auth, params: { winId }, body: { reason: 'duplicate account' } },
      { status: 400, headers: w.auth, params: { winId }, body: {} },
      { status: 404, headers: w.auth, params: { winId: uuid() }, body: { reason: 'x' } },
    ];
  },
  'post /api/manage/wins/{winId}/approve': async (w) => {
    const winId = await heldWin(w);
    return [
      { status: 200, headers: w.auth, params: { winId } },
      { status: 409, headers: w.auth, params: { winId } },
    ];
  },
  'post /api/manage/wins/{winId}/reject': async (w) => {
    const winId = await heldWin(w);
    return [
      { status: 200, headers: w.auth, params: { winId }, body: { reason: 'fraud' } },
      { status: 400, headers: w.auth, params: { winId }, body: {} },
    ];
  },
  // Risk and audit
  'get /api/manage/risk/rules': async (w) => [{ status: 200, headers: w.auth }, { status: 401 }],
  'post /api/manage/risk/rules': async (w) => [
    { status: 201, headers: w.auth, body: { kind: 'rate_limit_user', limit: 100, windowSeconds: 60 } },
    { status: 400, headers: w.auth, body: { kind: 'rate_limit_user', limit: 0, windowSeconds: 60 } },
  ],
  'patch /api/manage/risk/rules/{id}': async (w) => {
    const rule = await createRiskRule(w.t.id, testActor, {
      kind: 'rate_limit_device',
      limit: 100,
      windowSeconds: 60,
      action: 'rate_limited',
      enabled: true,
    });
    return [
      { status: 200, headers: w.auth, params: { id: rule.id }, body: { enabled: false } },
      { status: 400, headers: w.auth, params: { id: rule.id }, body: {} },
      { status: 404, headers: w.auth, params: { id: uuid() }, body: { enabled: true } },
    ];
  },
  'delete /api/manage/risk/rules/{id}': async (w) => {
    const rule = await createRiskRule(w.t.id, testActor, {
      kind: 'rate_limit_ip',
      limit: 100,
      windowSeconds: 60,
      action: 'rate_limited',
      enabled: true,
    });
    return [
      { status: 204, headers: w.auth, params: { id: rule.id } },
      { status: 404, headers: w.auth, params: { id: rule.id } },
    ];
  },
  'post /api/manage/risk/lists': async (w) => [
    { status: 200, headers: w.auth, body: { kind: 'user', action: 'add', values: ['mallory'] } },
    { status: 400, headers: w.auth, body: { kind: 'email', action: 'add', values: ['x'] } },
  ],
  'get /api/manage/risk/events': async (w) => [
    { status: 200, headers: w.auth, query: '?limit=5' },
    { status: 400, headers: w.auth, query: '?limit=-1' },
  ],
  'get /api/manage/audit': async (w) => [
    { status: 200, headers: w.auth, query: '?limit=5' },
    { status: 400, headers: w.auth, query: '?limit=abc' },
  ],
  // Changes and approvals
  'get /api/manage/settings/approvals': async (w) => [{ status: 200, headers: w.auth }, { status: 401 }],
  'put /api/manage/settings/approvals': async (w) => [
    { status: 200, headers: w.auth, body: { required: 0, scope: ['odds', 'stock'] } },
    { status: 400, headers: w.auth, body: { required: 9 } },
  ],
  'get /api/manage/changes': async (w) => [
    { status: 200, headers: w.auth, query: `?activityId=${w.activity.id}` },
    { status: 400, headers: w.auth, query: '?status=MAYBE' },
  ],
  'get /api/manage/changes/{changeId}': async (w) => {
    const id = await (await makeChangeWorld(w)).propose();
    return [
      { status: 200, headers: w.auth, params: { changeId: id } },
      { status: 404, headers: bearer(w.other.apiKey), params: { changeId: id } },
    ];
  },
  'patch /api/manage/changes/{changeId}': async (w) => {
    const id = await (await makeChangeWorld(w)).propose();
    return [
      { status: 200, headers: w.alice, params: { changeId: id }, body: { reason: 'edited' } },
      { status: 400, headers: w.alice, params: { changeId: id }, body: {} },
    ];
  },
  'delete /api/manage/changes/{changeId}': async (w) => {
    const id = await (await makeChangeWorld(w)).propose();
    return [
      { status: 200, headers: w.alice, params: { changeId: id } },
      { status: 409, headers: w.alice, params: { changeId: id } },
    ];
  },
  'post /api/manage/changes/{changeId}/approve': async (w) => {
    const id = await (await makeChangeWorld(w)).propose();
    return [
      { status: 403, headers: w.alice, params: { changeId: id } },
      { status: 200, headers: w.bob, params: { changeId: id } },
      { status: 409, headers: w.bob, params: { changeId: id } },
    ];
  },
  'post /api/manage/changes/{changeId}/reject': async (w) => {
    const id = await (await makeChangeWorld(w)).propose();
    return [
      { status: 200, headers: w.bob, params: { changeId: id }, body: { reason: 'not now' } },
      { status: 409, headers: w.bob, params: { changeId: id } },
    ];
  },
  // Webhook endpoints
  'post /api/manage/webhook-endpoints': async (w) => [
    { status: 201, headers: w.auth, body: { url: 'http://127.0.0.1:9/other', events: ['win.claimed'] } },
    { status: 400, headers: w.auth, body: { url: 'not a url', events: ['win.claimed'] } },
  ],
  'get /api/manage/webhook-endpoints': async (w) => [{ status: 200, headers: w.auth }, { status: 401 }],
  'get /api/manage/webhook-endpoints/{id}': async (w) => [
    { status: 200, headers: w.auth, params: { id: w.endpoint.id } },
    { status: 404, headers: bearer(w.other.apiKey), params: { id: w.endpoint.id } },
  ],
  'patch /api/manage/webhook-endpoints/{id}': async (w) => [
    { status: 200, headers: w.auth, params: { id: w.endpoint.id }, body: { fulfilment: false } },
    { status: 400, headers: w.auth, params: { id: w.endpoint.id }, body: { events: ['no.such'] } },
  ],
  'post /api/manage/webhook-endpoints/{id}/rotate-secret': async (w) => [
    { status: 200, headers: w.auth, params: { id: w.endpoint.id } },
    { status: 404, headers: w.auth, params: { id: uuid() } },
  ],
  'get /api/manage/webhook-endpoints/{id}/deliveries': async (w) => [
    { status: 200, headers: w.auth, params: { id: w.endpoint.id }, query: '?limit=2' },
    { status: 400, headers: w.auth, params: { id: w.endpoint.id }, query: '?status=LOST' },
    { status: 404, headers: w.auth, params: { id: uuid() } },
  ],
  'get /api/manage/webhook-endpoints/{id}/deliveries/{deliveryId}': async (w) => {
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: w.endpoint.id } });
    return [
      { status: 200, headers: w.auth, params: { id: w.endpoint.id, deliveryId: delivery.id } },
      { status: 404, headers: w.auth, params: { id: w.endpoint.id, deliveryId: uuid() } },
    ];
  },
  'post /api/manage/webhook-endpoints/{id}/deliveries/{deliveryId}/retry': async (w) => {
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: w.endpoint.id } });
    return [
      { status: 202, headers: w.auth, params: { id: w.endpoint.id, deliveryId: delivery.id } },
      { status: 404, headers: w.auth, params: { id: w.endpoint.id, deliveryId: uuid() } },
    ];
  },
  'delete /api/manage/webhook-endpoints/{id}': async (w) => {
    const e = await createWebhookEndpoint(w.t.id, testActor, {
      url: 'http://127.0.0.1:9/gone',
      events: ['win.voided'],
    });
    return [
      { status: 204, headers: w.auth, params: { id: e.id } },
      { status: 404, headers: w.auth, params: { id: e.id } },
    ];
  },
};

/** A win held for review: a hold rule on young accounts, and a draw by one. */
async function heldWin(w: World): Promise<string> {
  const a = await w.live();
  await createRiskRule(w.t.id, testActor, {
    kind: 'min_account_age',
    minAgeSeconds: 86_400,
    action: 'hold',
    activityId: a.id,
    enabled: true,
  });
  const user = { ...endUser(w.t, `young-${randomUUID()}`), accountCreatedAt: nowSeconds() };
  const d = await executeDraw(user, a.id, randomUUID());
  expect(d.held).toBe(true);
  return d.winIds[0]!;
}

const methods: Method[] = ['get', 'post', 'put', 'patch', 'delete'];
const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
  methods.filter((m) => ops[m]).map((m) => `${m} ${p}`),
);
/** Only this route is no operation of the API: the document itself. */
const notCalled = new Set(['get /api/v1/openapi.json']);

describe('the OpenAPI document against the real routes', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });

  it('calls every documented operation, and no operation the document lacks', () => {
    expect(documented.filter((op) => !table[op] && !notCalled.has(op))).toEqual([]);
    expect(Object.keys(table).filter((op) => !documented.includes(op))).toEqual([]);
  });

  for (const [op, calls] of Object.entries(table)) {
    it(op, async () => {
      const [method, pathKey] = op.split(' ') as [Method, string];
      const handler = await handlerFor(pathKey, method);
      const list = await calls(world);
      expect(list.filter((c) => c.status < 300).length, 'at least one valid call').toBeGreaterThan(0);
      expect(list.filter((c) => c.status >= 400).length, 'at least one refused call').toBeGreaterThan(0);
      for (const call of list) {
        await call.before?.();
        const concrete = pathKey.replace(/\{([^}]+)\}/g, (_, name: string) => call.params?.[name] ?? name);
        const res = await callRoute(handler, {
          method: method.toUpperCase(),
          path: `${concrete}${call.query ?? ''}`,
          headers: call.headers,
          body: call.body,
          params: call.params,
        });
        const where = `${op} → ${res.status} ${res.text.slice(0, 300)}`;
        expect(res.status, where).toBe(call.status);
        const response = doc.paths[pathKey]![method]!.responses[String(res.status)];
        expect(response, `${where}: status not in the document`).toBeDefined();
        const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
        if (!response!.content) {
          expect(res.text, where).toBe('');
          continue;
        }
        expect(Object.keys(response!.content), where).toContain(contentType);
        if (contentType !== 'application/json') continue;
        const validate = validatorFor(pathKey, method, res.status, contentType);
        expect(validate(res.json) ? [] : validate.errors, where).toEqual([]);
      }
    });
  }

  it('the outbound webhook bodies the calls above made match the document’s webhooks', async () => {
    // The events no call above causes, made as their workers make them: a scheduled start, a
    // claim window passing, a live alert.
    const startsAt = Date.now() + 3_600_000;
    const scheduled = await world.live({
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 24 * 3_600_000).toISOString(),
    });
    expect(await runTransition(scheduled.id, 'start', startsAt + 1)).toBe('applied');
    await world.win('zed');
    expect(await expireClaims(Date.now() + 49 * 3_600_000, { tenantId: world.t.id })).toBeGreaterThan(0);
    await raiseConditionAlert({
      tenantId: world.t.id,
      activityId: world.activity.id,
      kind: 'stock_low',
      severity: 'WARNING',
      message: 'Mug: 3 left',
      details: { tierId: world.tiers[0]!.id, left: 3 },
      dedupeKey: `stock_low:${world.tiers[0]!.id}`,
    });

    const deliveries = await db.webhookDelivery.findMany({ where: { endpointId: world.endpoint.id } });
    const seen = new Set<string>();
    for (const d of deliveries) {
      let body = d.payload as Json | null;
      if (body === null && d.type === 'win.created') {
        const built = await winCreatedData(db, d.tenantId, d.subjectId!);
        body = {
          id: d.eventId,
          type: d.type,
          createdAt: built!.createdAt.toISOString(),
          tenant: world.t.slug,
          data: built!.data,
        };
      }
      if (body === null) continue;
      const schema = doc.webhooks[d.type]!.post.requestBody.content['application/json']!.schema;
      const validate = validators.get(d.type) ?? ajv.compile({ ...schema, components: doc.components });
      validators.set(d.type, validate);
      expect(validate(body) ? [] : validate.errors, `${d.type}: ${JSON.stringify(body)}`).toEqual([]);
      seen.add(d.type);
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining([...webhookEventTypes]));
  });
});
