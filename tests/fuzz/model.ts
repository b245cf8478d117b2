// The fuzz model: for every route file under app/ and every server action, how to make a valid
// request from the lane's current state, and which parts of it to attack. `checkCoverage` fails
// the run when the project has a route, a method or an action this file does not cover, so a
// new one cannot slip past the fuzz.
import fc from 'fast-check';
import { OMIT, RawPath, hostileText, type Mutant } from './hostile';
import { NO_CREDENTIAL, apiKeyCredential, sessionCredential, signedCredential, userCredential } from './credentials';
import {
  REMOVE_HEADER,
  RawBody,
  activitiesIn,
  httpArbitrary,
  renderAction,
  renderHttp,
  type Call,
  type Ctx,
  type HttpShape,
  type WireShape,
} from './call';
import {
  FORGED_IPS,
  JSON_CONTENT_TYPE,
  choice,
  date,
  decimal,
  email,
  flag,
  forwardedFor,
  header,
  hostileOnlyHeader,
  id,
  int,
  isoIn,
  key,
  randomKey,
  text,
  timeZone,
  url,
} from './fields';
import { HTTP_METHODS, actionKey, type ActionExport, type RouteFile } from './inventory';
import { arr, fixed, jsonText, leaf, obj, requestArbitrary, type Drawn, type Node, type Part } from './template';
import { PASSWORD, type ActivityView, type Tenant } from './world';

export type Endpoint = {
  /** How the report names it: `POST /api/v1/...` or `action <file>#<export>`. */
  name: string;
  /** The route (`METHOD pattern`) or action (`file#export`) it covers. */
  covers: string;
  weight: number;
  arbitrary: (ctx: Ctx) => fc.Arbitrary<Drawn>;
  render: (ctx: Ctx, d: Drawn) => Promise<Call>;
};

const DAY_MS = 86_400_000;
/** Valid draws sent beside a crowd draw. */
const CROWD = 8;
const path = (...parts: (string | Node)[]): Node =>
  arr(...parts.flatMap((p) => (typeof p === 'string' ? p.split('/').filter(Boolean).map(fixed) : [p])));
const by = (ctx: Ctx) => ctx.bystander.view;
const ids = <T extends { id: string }>(xs: T[]) => xs.map((x) => x.id);
const live = (t: Tenant) => activitiesIn(t, 'LIVE');
const tiersOf = (as: ActivityView[]) => as.flatMap((a) => a.tiers.map((x) => x.id));

/** A route endpoint from a shape that may depend on the lane's state. */
function route(
  method: string,
  pattern: string,
  o: { weight?: number; validWeight?: number; bodyKind?: HttpShape['bodyKind']; hasBody?: boolean; name?: string },
  shape: (ctx: Ctx) => HttpShape | fc.Arbitrary<HttpShape>,
): Endpoint {
  const wire: WireShape = {
    method,
    hasBody: o.hasBody ?? (method !== 'GET' && method !== 'DELETE'),
    bodyKind: o.bodyKind,
  };
  const name = o.name ?? `${method} ${pattern}`;
  return {
    name,
    covers: `${method} ${pattern}`,
    weight: o.weight ?? 1,
    arbitrary: (ctx) => {
      const s = shape(ctx);
      return s instanceof fc.Arbitrary ? s.chain((x) => httpArbitrary(x, o)) : httpArbitrary(s, o);
    },
    render: async (ctx, d) => {
      const call = renderHttp(ctx, name, wire, d);
      // As the server reads it: HTTP drops spaces and tabs around a header's value.
      const idem = call.headers['idempotency-key'];
      if (idem !== undefined) call.idempotencyKey = idem.replace(/^[ \t]+|[ \t]+$/g, '');
      const activity = (d.values.path as unknown[] | undefined)?.[3];
      if (/activities\/\[(activityId|id)\]/.test(pattern) && typeof activity === 'string') call.activity = activity;
      return call;
    },
  };
}

// ---------------------------------------------------------------- bodies

function tierNode(ctx: Ctx, prizeIds: string[], i: number): Node {
  return obj({
    name: text(`Tier ${i + 1}`, { max: 60 }),
    probability: decimal(fc.constantFrom(0.05, 0.1, 0.123456), { min: 0, max: 1 }),
    stock: int(fc.integer({ min: 1, max: 100_000 }), { min: 0, max: 100_000_000 }),
    prizes: arr(
      obj({
        prizeId: id(prizeIds.slice(i % Math.max(1, prizeIds.length)), ids(by(ctx).prizes)),
        quantity: int(fc.integer({ min: 1, max: 3 }), { min: 1, max: 1_000, optional: true }),
      }),
    ),
    pacing: choice(['none', 'even'], { optional: true }),
    segments: arr(
      obj({
        fromHour: int(fc.integer({ min: 0, max: 11 }), { min: 0, max: 23 }),
        toHour: int(fc.integer({ min: 12, max: 24 }), { min: 1, max: 24 }),
        fromDate: text('2027-01-01', { optional: true }),
        probability: decimal(0.05),
      }),
    ),
  });
}

/** An activity spec (the API's format) whose every field is attacked in turn. */
export function specNode(ctx: Ctx, { draft = false } = {}): Node {
  const prizeIds = ctx.t.view.prizes.filter((p) => p.kind !== 'COUPON').map((p) => p.id);
  const now = Date.now();
  return obj({
    name: text('Fuzz activity', { max: 120 }),
    gameplay: choice(['wheel', 'grid', 'scratch']),
    startsAt: date(isoIn(now - 2 * 3_600_000, now - 3_600_000)),
    endsAt: date(isoIn(now + 20 * DAY_MS, now + 40 * DAY_MS)),
    timezone: timeZone(ctx.nodeOnlyZones),
    limits: obj({
      freeDrawsPerDay: int(fc.integer({ min: 1, max: 10 }), { min: 0, max: 1_000 }),
      maxDrawsPerDay: int(fc.constant(100_000), { min: 0, max: 100_000, optional: true }),
      maxDrawsTotal: int(fc.constant(1_000_000), { min: 0, max: 10_000_000, optional: true }),
      maxWinsPerUser: int(fc.constant(100_000), { min: 0, max: 100_000, optional: true }),
    }),
    tiers: draft ? arr(tierNode(ctx, prizeIds, 0)) : arr(tierNode(ctx, prizeIds, 0), tierNode(ctx, prizeIds, 1)),
    tasks: arr(
      obj({
        kind: choice(['sign_in', 'share', 'invite']),
        name: text('Check in', { max: 60 }),
        chances: int(1, { min: 1, max: 100 }),
        perDay: int(1_000, { min: 1, max: 1_000, optional: true }),
        total: int(100_000, { min: 1, max: 100_000, optional: true }),
      }),
      obj({
        kind: fixed('event'),
        eventType: text('post_created', { max: 64 }),
        name: text('Post', { max: 60 }),
        chances: int(1, { min: 1, max: 100 }),
      }),
    ),
    materials: obj({
      title: text('Fuzz wheel', { max: 120, optional: true }),
      themeColor: text('#e11d48', { optional: true }),
      bannerUrl: url('https://cdn.example.com/banner.png', { optional: true }),
      rulesText: text('Draw and win.\nGood luck.', { multiline: true, max: 10_000, optional: true }),
    }),
    claimWindowHours: int(fc.constant(720), { min: 1, max: 24 * 365, optional: true }),
  });
}

const jsonBody = (fields: Node): Pick<HttpShape, 'body' | 'headers'> => ({
  body: fields,
  headers: obj({ 'content-type': JSON_CONTENT_TYPE }),
});

// ---------------------------------------------------------------- routes

function routes(): Endpoint[] {
  const user = (ctx: Ctx) => userCredential(ctx.t.users);
  const apiKey = apiKeyCredential;
  const activity = (ctx: Ctx, as: ActivityView[]) => id(ids(as), ids(by(ctx).activities));
  const manageActivity = (method: string, sub: string, statuses: string[], o: { weight?: number } = {}) =>
    route(method, `/api/manage/activities/[id]${sub}`, o, (ctx) => ({
      method,
      path: path('api/manage/activities', activity(ctx, activitiesIn(ctx.t, ...statuses)), sub),
      auth: apiKey(),
    }));

  return [
    route('GET', '/api/v1/activities/[activityId]', {}, (ctx) => ({
      method: 'GET',
      path: path('api/v1/activities', activity(ctx, live(ctx.t))),
      auth: user(ctx),
      query: obj({ lang: choice(['en', 'zh-CN'], { optional: true }) }),
    })),
    route('GET', '/api/v1/activities/[activityId]/fairness', {}, (ctx) => ({
      method: 'GET',
      path: path('api/v1/activities', activity(ctx, live(ctx.t)), 'fairness'),
      auth: user(ctx),
    })),
    route('POST', '/api/v1/activities/[activityId]/views', { weight: 0.3 }, (ctx) => ({
      method: 'POST',
      path: path('api/v1/activities', activity(ctx, live(ctx.t)), 'views'),
      auth: user(ctx),
    })),
    route('GET', '/api/v1/draws/[drawId]/proof', {}, (ctx) => ({
      method: 'GET',
      path: path('api/v1/draws', text(fc.uuid()), 'proof'),
      auth: user(ctx),
    })),
    route('GET', '/api/v1/activities/[activityId]/me', {}, (ctx) => ({
      method: 'GET',
      path: path('api/v1/activities', activity(ctx, live(ctx.t)), 'me'),
      auth: user(ctx),
    })),
    route('GET', '/api/v1/activities/[activityId]/me/draws', {}, (ctx) => ({
      method: 'GET',
      path: path('api/v1/activities', activity(ctx, live(ctx.t)), 'me/draws'),
      auth: user(ctx),
      query: obj({
        limit: text('5', { optional: true }),
        cursor: text(fc.uuid(), { optional: true }),
        lang: choice(['en', 'zh-CN'], { optional: true }),
      }),
    })),
    ...[false, true].map((crowd) => {
      const draw = route(
        'POST',
        '/api/v1/activities/[activityId]/draws',
        {
          weight: crowd ? 3 : 8,
          hasBody: false,
          validWeight: 2,
          name: `POST /api/v1/activities/[activityId]/draws${crowd ? ' (in a crowd)' : ''}`,
        },
        (ctx) => ({
          method: 'POST',
          path: path('api/v1/activities', activity(ctx, live(ctx.t)), 'draws'),
          auth: user(ctx),
          headers: obj({
            // A few keys recur, with separators, so users like "ik" and "ik:a" meet on one slot.
            'idempotency-key': key(
              fc.oneof({ weight: 3, arbitrary: randomKey }, fc.constantFrom('k1', 'a:k1', 'k2', 'x:k2')),
            ),
            'x-forwarded-for': forwardedFor,
            'x-real-ip': hostileOnlyHeader(
              fc.constantFrom(...FORGED_IPS).map((value) => ({ label: 'x-real-ip:forged', value })),
            ),
            'x-request-id': hostileOnlyHeader(
              fc
                .constantFrom('x'.repeat(65), 'a b', '\u00e9', '../x', '')
                .map((value) => ({ label: 'x-request-id:odd', value })),
            ),
          }),
        }),
      );
      // In a crowd: sent together with valid draws of other users, so that they share a group commit.
      return crowd
        ? { ...draw, render: async (ctx: Ctx, d: Drawn) => ({ ...(await draw.render(ctx, d)), crowd: CROWD }) }
        : draw;
    }),
    route(
      'POST',
      '/api/v1/activities/[activityId]/tasks/[taskId]/complete',
      { weight: 4, hasBody: false, validWeight: 2 },
      (ctx) =>
        fc.constantFrom(...live(ctx.t)).map((a) => ({
          method: 'POST',
          path: path(
            'api/v1/activities',
            id([a.id], ids(by(ctx).activities)),
            'tasks',
            id(
              a.tasks.filter((x) => x.kind !== 'EVENT').map((x) => x.id),
              by(ctx).activities.flatMap((b) => ids(b.tasks)),
            ),
            'complete',
          ),
          auth: user(ctx),
        })),
    ),
    route('GET', '/api/v1/me/wins', {}, (ctx) => ({ method: 'GET', path: path('api/v1/me/wins'), auth: user(ctx) })),
    route('POST', '/api/v1/wins/[winId]/claim', { weight: 2 }, (ctx) => {
      const claimable = ctx.t.view.wins.filter((w) => w.kind === 'PHYSICAL' && w.status === 'AWAITING_CLAIM');
      const pick = claimable.length
        ? fc.constantFrom(...claimable)
        : fc.constant({ id: '00000000-0000-4000-8000-000000000001', userId: ctx.t.users[0]! });
      return pick.map((w) => ({
        method: 'POST',
        path: path('api/v1/wins', id([w.id], ids(by(ctx).wins)), 'claim'),
        auth: userCredential([w.userId]),
        ...jsonBody(
          obj({
            name: text('Fuzz Person', { max: 60 }),
            phone: text('13800138000', { max: 20 }),
            address: text('1 Fuzz Road, Fuzz City 100000', { max: 300 }),
          }),
        ),
      }));
    }),
    route('POST', '/api/v1/events', { weight: 4, validWeight: 2 }, (ctx) => {
      const event = () =>
        obj({
          eventId: key(randomKey, { max: 128 }),
          userId: text(fc.constantFrom(...ctx.t.users), { max: 128 }),
          type: text('post_created', { max: 64 }),
          occurredAt: date(fc.constant(0).map(() => new Date().toISOString())),
        });
      return fc.constantFrom(0, 1).map((batch) => ({
        method: 'POST',
        path: path('api/v1/events'),
        auth: signedCredential(),
        ...jsonBody(batch ? obj({ events: arr(event(), event()) }) : event()),
      }));
    }),
    route('GET', '/api/v1/openapi.json', { weight: 0.3 }, () => ({
      method: 'GET',
      path: path('api/v1/openapi.json'),
      auth: NO_CREDENTIAL,
      query: obj({ x: text('1', { optional: true }) }),
    })),
    route('GET', '/api/docs', { weight: 0.3 }, () => ({
      method: 'GET',
      path: path('api/docs'),
      auth: NO_CREDENTIAL,
      query: obj({ x: text('1', { optional: true }) }),
    })),

    route('POST', '/api/manage/activities', { weight: 1.5 }, (ctx) => ({
      method: 'POST',
      path: path('api/manage/activities'),
      auth: apiKey(),
      ...jsonBody(specNode(ctx)),
    })),
    manageActivity('GET', '', []),
    route('PATCH', '/api/manage/activities/[id]', {}, (ctx) => ({
      method: 'PATCH',
      path: path('api/manage/activities', activity(ctx, activitiesIn(ctx.t, 'LIVE', 'DRAFT', 'PAUSED'))),
      auth: apiKey(),
      ...jsonBody(
        obj({
          endsAt: date(isoIn(Date.now() + 20 * DAY_MS, Date.now() + 60 * DAY_MS)),
          startsAt: date(isoIn(Date.now() - 3 * DAY_MS, Date.now() - DAY_MS), { optional: true }),
        }),
      ),
    })),
    manageActivity('POST', '/publish', ['DRAFT']),
    manageActivity('POST', '/pause', ['LIVE'], { weight: 0.5 }),
    manageActivity('POST', '/resume', ['PAUSED']),
    manageActivity('POST', '/end', ['LIVE', 'PAUSED'], { weight: 0.3 }),
    manageActivity('GET', '/stats', []),
    manageActivity('GET', '/versions', []),
    manageActivity('POST', '/fairness/rotate', ['LIVE', 'PAUSED'], { weight: 0.2 }),
    route('GET', '/api/manage/activities/[id]/versions/[version]', {}, (ctx) => ({
      method: 'GET',
      path: path(
        'api/manage/activities',
        activity(ctx, ctx.t.view.activities),
        'versions',
        text(fc.constantFrom('1', '2')),
      ),
      auth: apiKey(),
    })),
    route('POST', '/api/manage/activities/[id]/versions/[version]/restore', { weight: 0.3 }, (ctx) => ({
      method: 'POST',
      path: path(
        'api/manage/activities',
        activity(ctx, activitiesIn(ctx.t, 'LIVE', 'PAUSED')),
        'versions',
        text(fc.constantFrom('1', '2')),
        'restore',
      ),
      auth: apiKey(),
      ...jsonBody(obj({ reason: text('fuzz restore', { max: 500, optional: true }) })),
    })),
    route('POST', '/api/manage/activities/[id]/changes', {}, (ctx) =>
      fc.constantFrom(...activitiesIn(ctx.t, 'LIVE', 'PAUSED').filter((a) => a.tiers.length)).chain((a) =>
        fc.constantFrom(...a.tiers).map((tier) => ({
          method: 'POST',
          path: path('api/manage/activities', id([a.id], ids(by(ctx).activities)), 'changes'),
          auth: apiKey(),
          ...jsonBody(
            obj({
              patch: obj({
                tiers: arr(
                  obj({
                    id: id([tier.id], tiersOf(by(ctx).activities)),
                    probability: decimal(fc.constantFrom(0.05, 0.1, 0.15), { optional: true }),
                    stock: int(fc.integer({ min: tier.stock, max: tier.stock + 100 }), { min: 0, max: 100_000_000 }),
                  }),
                ),
              }),
              reason: text('fuzz change', { max: 500, optional: true }),
            }),
          ),
        })),
      ),
    ),
    route('GET', '/api/manage/changes', {}, (ctx) => ({
      method: 'GET',
      path: path('api/manage/changes'),
      auth: apiKey(),
      query: obj({
        activityId: id(ids(ctx.t.view.activities), ids(by(ctx).activities), { optional: true }),
        status: choice(['PENDING', 'SCHEDULED', 'APPLIED', 'REJECTED', 'CANCELLED', 'CONFLICT'], { optional: true }),
      }),
    })),
    route('GET', '/api/manage/changes/[changeId]', { weight: 0.3 }, () => ({
      method: 'GET',
      path: path('api/manage/changes', id([])),
      auth: apiKey(),
    })),
    route('PATCH', '/api/manage/changes/[changeId]', { weight: 0.3 }, () => ({
      method: 'PATCH',
      path: path('api/manage/changes', id([])),
      auth: apiKey(),
      ...jsonBody(obj({ reason: text('fuzz edit', { max: 500 }) })),
    })),
    route('DELETE', '/api/manage/changes/[changeId]', { weight: 0.3 }, () => ({
      method: 'DELETE',
      path: path('api/manage/changes', id([])),
      auth: apiKey(),
    })),
    route('GET', '/api/manage/settings/approvals', { weight: 0.3 }, () => ({
      method: 'GET',
      path: path('api/manage/settings/approvals'),
      auth: apiKey(),
    })),
    // The world's activities change without approvals: the policy stays at 0 (hostile values are refused).
    route('PUT', '/api/manage/settings/approvals', { weight: 0.3 }, () => ({
      method: 'PUT',
      path: path('api/manage/settings/approvals'),
      auth: apiKey(),
      ...jsonBody(
        obj({
          required: int(fc.constant(0), { min: 0, max: 5 }),
          scope: arr(choice(['odds', 'stock', 'period', 'limits', 'tiers', 'tasks', 'materials'])),
        }),
      ),
    })),
    route('POST', '/api/manage/changes/[changeId]/approve', { weight: 0.3 }, () => ({
      method: 'POST',
      path: path('api/manage/changes', id([]), 'approve'),
      auth: apiKey(),
    })),
    route('POST', '/api/manage/changes/[changeId]/reject', { weight: 0.3 }, () => ({
      method: 'POST',
      path: path('api/manage/changes', id([]), 'reject'),
      auth: apiKey(),
      ...jsonBody(obj({ reason: text('fuzz reject', { max: 500, optional: true }) })),
    })),
    route('POST', '/api/manage/activities/[id]/stock', {}, (ctx) =>
      fc.constantFrom(...activitiesIn(ctx.t, 'LIVE', 'PAUSED')).map((a) => ({
        method: 'POST',
        path: path('api/manage/activities', id([a.id], ids(by(ctx).activities)), 'stock'),
        auth: apiKey(),
        ...jsonBody(
          obj({
            prizeId: id(a.prizeIds, ids(by(ctx).prizes)),
            quantity: int(
              fc.integer({ min: -5, max: 50 }).filter((q) => q !== 0),
              { min: -100_000_000, max: 100_000_000 },
            ),
            reason: text('fuzz top-up', { max: 500, optional: true }),
          }),
        ),
      })),
    ),
    route('PATCH', '/api/manage/activities/[id]/tiers/[tierId]', {}, (ctx) =>
      fc.constantFrom(...activitiesIn(ctx.t, 'LIVE', 'PAUSED', 'DRAFT').filter((a) => a.tiers.length)).chain((a) =>
        fc.constantFrom(...a.tiers).map((tier) => ({
          method: 'PATCH',
          path: path(
            'api/manage/activities',
            id([a.id], ids(by(ctx).activities)),
            'tiers',
            id([tier.id], tiersOf(by(ctx).activities)),
          ),
          auth: apiKey(),
          ...jsonBody(
            obj({
              probability: decimal(fc.constantFrom(0.05, 0.1, 0.15), { optional: true }),
              stock: int(fc.integer({ min: tier.stock, max: tier.stock + 100 }), { min: 0, max: 100_000_000 }),
            }),
          ),
        })),
      ),
    ),
    route('GET', '/api/manage/activities/[id]/winners', {}, (ctx) => ({
      method: 'GET',
      path: path('api/manage/activities', activity(ctx, ctx.t.view.activities), 'winners'),
      auth: apiKey(),
      query: obj({
        limit: int(fc.integer({ min: 1, max: 500 }), { min: 1, max: 500, optional: true }),
        cursor: text('x', { optional: true, max: 100 }),
        format: choice(['json', 'csv'], { optional: true }),
        status: choice(['AWAITING_CLAIM', 'CLAIMED', 'SHIPPED', 'DELIVERED', 'HELD', 'VOID'], { optional: true }),
      }),
    })),
    route('POST', '/api/manage/prizes', {}, (ctx) => ({
      method: 'POST',
      path: path('api/manage/prizes'),
      auth: apiKey(),
      ...jsonBody(prizeNode(ctx)),
    })),
    route('GET', '/api/manage/prizes', {}, (ctx) => ({
      method: 'GET',
      path: path('api/manage/prizes'),
      auth: apiKey(),
      query: obj({
        limit: int(fc.integer({ min: 1, max: 200 }), { min: 1, max: 200, optional: true }),
        cursor: id(ids(ctx.t.view.prizes), ids(by(ctx).prizes), { optional: true }),
      }),
    })),
    route('POST', '/api/manage/webhook-endpoints', { weight: 0.5 }, () => ({
      method: 'POST',
      path: path('api/manage/webhook-endpoints'),
      auth: apiKey(),
      ...jsonBody(
        obj({
          url: text('https://hooks.example.com/fuzz', { max: 2_000 }),
          events: arr(choice(['win.created', 'win.shipped', 'alert.raised'])),
          fulfilment: flag({ optional: true }),
        }),
      ),
    })),
    route('GET', '/api/manage/webhook-endpoints', { weight: 0.3 }, () => ({
      method: 'GET',
      path: path('api/manage/webhook-endpoints'),
      auth: apiKey(),
    })),
    ...(['GET', 'PATCH', 'DELETE'] as const).map((method) =>
      route(method, '/api/manage/webhook-endpoints/[id]', { weight: 0.3, hasBody: method === 'PATCH' }, (ctx) => ({
        method,
        path: path('api/manage/webhook-endpoints', id(ids(ctx.t.view.webhookEndpoints), ids(by(ctx).webhookEndpoints))),
        auth: apiKey(),
        ...(method === 'PATCH'
          ? jsonBody(obj({ enabled: flag({ optional: true }), events: arr(choice(['win.created', 'win.voided'])) }))
          : {}),
      })),
    ),
    route('POST', '/api/manage/webhook-endpoints/[id]/rotate-secret', { weight: 0.3, hasBody: false }, (ctx) => ({
      method: 'POST',
      path: path(
        'api/manage/webhook-endpoints',
        id(ids(ctx.t.view.webhookEndpoints), ids(by(ctx).webhookEndpoints)),
        'rotate-secret',
      ),
      auth: apiKey(),
    })),
    route('GET', '/api/manage/webhook-endpoints/[id]/deliveries', { weight: 0.3 }, (ctx) => ({
      method: 'GET',
      path: path(
        'api/manage/webhook-endpoints',
        id(ids(ctx.t.view.webhookEndpoints), ids(by(ctx).webhookEndpoints)),
        'deliveries',
      ),
      auth: apiKey(),
      query: obj({
        limit: int(fc.integer({ min: 1, max: 200 }), { min: 1, max: 200, optional: true }),
        status: choice(['PENDING', 'DELIVERED', 'FAILED'], { optional: true }),
      }),
    })),
    route('GET', '/api/manage/webhook-endpoints/[id]/deliveries/[deliveryId]', {}, (ctx) => {
      const known = ctx.t.view.webhookDeliveries;
      const pick = known.length
        ? fc.constantFrom(...known)
        : fc.constant({
            id: '00000000-0000-4000-8000-000000000002',
            endpointId: '00000000-0000-4000-8000-000000000003',
          });
      return pick.map((d) => ({
        method: 'GET',
        path: path(
          'api/manage/webhook-endpoints',
          id([d.endpointId], ids(by(ctx).webhookEndpoints)),
          'deliveries',
          id([d.id], ids(by(ctx).webhookDeliveries)),
        ),
        auth: apiKey(),
      }));
    }),
    route(
      'POST',
      '/api/manage/webhook-endpoints/[id]/deliveries/[deliveryId]/retry',
      { weight: 0.3, hasBody: false },
      (ctx) => {
        const known = ctx.t.view.webhookDeliveries;
        const pick = known.length
          ? fc.constantFrom(...known)
          : fc.constant({
              id: '00000000-0000-4000-8000-000000000002',
              endpointId: '00000000-0000-4000-8000-000000000003',
            });
        return pick.map((d) => ({
          method: 'POST',
          path: path(
            'api/manage/webhook-endpoints',
            id([d.endpointId], ids(by(ctx).webhookEndpoints)),
            'deliveries',
            id([d.id], ids(by(ctx).webhookDeliveries)),
            'retry',
          ),
          auth: apiKey(),
        }));
      },
    ),
    route('GET', '/api/manage/prizes/[prizeId]', {}, (ctx) => ({
      method: 'GET',
      path: path('api/manage/prizes', id(ids(ctx.t.view.prizes), ids(by(ctx).prizes))),
      auth: apiKey(),
    })),
    route('PATCH', '/api/manage/prizes/[prizeId]', { weight: 0.3 }, (ctx) => ({
      method: 'PATCH',
      path: path('api/manage/prizes', id(ids(ctx.t.view.prizes), ids(by(ctx).prizes))),
      auth: apiKey(),
      ...jsonBody(
        obj({
          name: text('Fuzz prize', { max: 120, optional: true }),
          translations: obj({ 'zh-CN': obj({ name: text('奖品', { max: 120 }) }) }),
        }),
      ),
    })),
    route('POST', '/api/manage/prizes/[prizeId]/restock', {}, (ctx) => ({
      method: 'POST',
      path: path(
        'api/manage/prizes',
        id(ids(ctx.t.view.prizes.filter((p) => p.kind !== 'COUPON')), ids(by(ctx).prizes)),
        'restock',
      ),
      auth: apiKey(),
      ...jsonBody(
        obj({
          quantity: int(
            fc.integer({ min: -10, max: 1_000 }).filter((q) => q !== 0),
            { min: -100_000_000, max: 100_000_000 },
          ),
          reason: text('fuzz restock', { max: 500, optional: true }),
        }),
      ),
    })),
    route('POST', '/api/manage/prizes/[prizeId]/codes', {}, (ctx) => ({
      method: 'POST',
      path: path(
        'api/manage/prizes',
        id(ids(ctx.t.view.prizes.filter((p) => p.kind === 'COUPON')), ids(by(ctx).prizes)),
        'codes',
      ),
      auth: apiKey(),
      // Fresh codes each time: a code stored before is refused (400), as are repeats in one call.
      ...jsonBody(obj({ codes: arr(text(fc.uuid(), { max: 100 }), text(fc.uuid(), { max: 100 })) })),
    })),

    ...manageConsoleParity(),
    route('GET', '/api/health', { weight: 0.3 }, () => ({
      method: 'GET',
      path: path('api/health'),
      auth: NO_CREDENTIAL,
    })),
    route('GET', '/api/health/live', { weight: 0.3 }, () => ({
      method: 'GET',
      path: path('api/health/live'),
      auth: NO_CREDENTIAL,
    })),
    ...HTTP_METHODS.map((method) =>
      route(method, '/api/[...path]', { weight: 0.2 }, (ctx) => ({
        method,
        path: path(
          'api',
          leaf(fc.constantFrom('nope', 'v2/activities', 'manage/nope', 'v1/activities/x/y/z'), () =>
            hostileText('nope'),
          ),
          text('x'),
        ),
        auth: apiKeyCredential(),
        ...(method === 'GET' || method === 'DELETE' ? {} : jsonBody(obj({ a: text('b') }))),
        query: obj({ q: text('1', { optional: true }) }),
        // keeps the lane's own tenant in reach of the catch-all's error path
        headers: obj({ 'x-tenant': header(ctx.t.slug) }),
      })),
    ),
    ...nextAuth(),
    ...consoleRoutes(),
    ...playRoutes(),
  ];
}

function prizeNode(ctx: Ctx): Node {
  void ctx;
  return obj({
    name: text('Fuzz prize', { max: 120 }),
    kind: choice(['physical', 'virtual', 'coupon', 'points'], { valid: ['physical', 'virtual', 'points'] }),
    value: decimal(fc.constantFrom(0, 1.5, 39.99), { min: 0, max: 10_000_000, optional: true }),
    stock: int(fc.integer({ min: 0, max: 100_000 }), { min: 0, max: 100_000_000 }),
    description: text('A prize made by the fuzz.', { multiline: true, max: 2_000, optional: true }),
    imageUrl: url('https://cdn.example.com/prize.png', { optional: true }),
  });
}

/** next-auth's routes: the sign-in form the console posts, and its redirect target. */
function nextAuth(): Endpoint[] {
  const pages = [
    'csrf',
    'session',
    'providers',
    'signin',
    'signout',
    'error',
    'callback/credentials',
    'signin/credentials',
    '_log',
  ];
  const get = route('GET', '/api/auth/[...nextauth]', { weight: 0.5 }, () => ({
    method: 'GET',
    path: path(
      'api/auth',
      leaf(fc.constantFrom(...pages), () => hostileText('session')),
    ),
    auth: NO_CREDENTIAL,
    query: obj({
      error: text('CredentialsSignin', { optional: true }),
      callbackUrl: url('/t/x/activities', { optional: true }),
    }),
  }));
  const signIn: Endpoint = {
    name: 'POST /api/auth/callback/credentials',
    covers: 'POST /api/auth/[...nextauth]',
    weight: 1,
    arbitrary: (ctx) =>
      requestArbitrary({
        body: {
          place: 'json',
          node: obj({
            email: email(fc.constantFrom(`nobody-${ctx.t.slug}@fuzz.test`, ctx.t.analyst.email)),
            password: text(fc.constantFrom('wrong-password-0', PASSWORD), { max: 200 }),
            callbackUrl: leaf(
              fc.constantFrom('/t/x/activities', '/'),
              () =>
                fc
                  .constantFrom(
                    '//evil.example/x',
                    '/\\evil.example',
                    '/.//evil.example',
                    'https://evil.example/',
                    'http://127.0.0.1.evil.example/',
                    'javascript:alert(1)',
                    '/%2F%2Fevil.example',
                    '\\\\evil.example',
                    ' //evil.example',
                    '/\t/evil.example',
                  )
                  .map((value): Mutant => ({ label: 'callback-url:foreign', value })),
              { typed: false },
            ),
            csrf: leaf(
              fc.constant('ok'),
              () => fc.constantFrom('missing', 'wrong').map((value): Mutant => ({ label: 'csrf:bad', value })),
              { typed: false },
            ),
          }),
        },
      }),
    render: async (ctx, d) => {
      const { csrfPair } = await import('./console-session');
      const pair = await csrfPair(ctx.baseUrl);
      const b = (
        d.values.body && typeof d.values.body === 'object' ? d.values.body : { email: d.values.body }
      ) as Record<string, unknown>;
      const form: Record<string, string> = { json: 'true' };
      for (const [k, v] of Object.entries(b))
        if (k !== 'csrf' && v !== undefined) form[k] = typeof v === 'string' ? v : JSON.stringify(v);
      if (b.csrf !== 'missing') form.csrfToken = b.csrf === 'wrong' ? 'x'.repeat(64) : pair.token;
      return {
        endpoint: 'POST /api/auth/callback/credentials',
        method: 'POST',
        path: '/api/auth/callback/credentials',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pair.cookie },
        body: Buffer.from(new URLSearchParams(form).toString()),
        mutation: d.mutation,
        where: d.where,
        checkRedirect: true,
      };
    },
  };
  const signOut = route(
    'POST',
    '/api/auth/[...nextauth]',
    { weight: 0.2, name: 'POST /api/auth/signout', bodyKind: 'form' },
    () => ({
      method: 'POST',
      path: path('api/auth/signout'),
      auth: NO_CREDENTIAL,
      body: obj({ csrfToken: text('x'), callbackUrl: url('/') }),
      headers: obj({ 'content-type': header('application/x-www-form-urlencoded') }),
    }),
  );
  return [get, signIn, signOut];
}

/** Console routes: the operator's session is the credential. */
function consoleRoutes(): Endpoint[] {
  const slug = (ctx: Ctx) =>
    leaf(fc.constant(ctx.t.slug), () =>
      fc.oneof(
        hostileText(ctx.t.slug),
        fc
          .constantFrom(ctx.bystander.slug, ctx.t.slug.toUpperCase())
          .map((value): Mutant => ({ label: 'slug:other-or-spelled', value })),
      ),
    );
  const day = (optional = true) => text('2027-01-01', { optional });
  return [
    route('GET', '/t/[tenant]/activities/[activityId]/dashboard/data', { weight: 0.7 }, (ctx) => ({
      method: 'GET',
      path: path('t', slug(ctx), 'activities', id(ids(live(ctx.t)), ids(by(ctx).activities)), 'dashboard/data'),
      auth: sessionCredential('analyst'),
    })),
    route('GET', '/t/[tenant]/activities/[activityId]/spec.json', { weight: 0.5 }, (ctx) => ({
      method: 'GET',
      path: path('t', slug(ctx), 'activities', id(ids(ctx.t.view.activities), ids(by(ctx).activities)), 'spec.json'),
      auth: sessionCredential('analyst'),
    })),
    ...(['draws.csv', 'participation.csv'] as const).map((file) =>
      route('GET', `/t/[tenant]/activities/[activityId]/${file}`, { weight: 0.3 }, (ctx) => ({
        method: 'GET',
        path: path('t', slug(ctx), 'activities', id(ids(ctx.t.view.activities), ids(by(ctx).activities)), file),
        auth: sessionCredential('operator', { lowerRoles: ['analyst'] }),
      })),
    ),
    route('POST', '/t/[tenant]/activities/banner', { weight: 0.3, bodyKind: 'bytes' }, (ctx) => ({
      method: 'POST',
      path: path('t', slug(ctx), 'activities/banner'),
      auth: sessionCredential('operator', { lowerRoles: ['analyst'] }),
      headers: obj({ 'content-type': header('image/png') }),
      body: leaf(
        fc.constant(TINY_PNG),
        () =>
          fc
            .constantFrom(
              Buffer.alloc(0),
              Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
              Buffer.from('GIF89'),
              Buffer.concat([TINY_PNG.subarray(0, 8), Buffer.from('<?php ?>')]),
              Buffer.alloc(2 * 1024 * 1024 + 1, 0x89),
              Buffer.from('\u0000'),
            )
            .map((value): Mutant => ({ label: 'banner:not-an-image', value })),
        { typed: false },
      ),
    })),
    route('GET', '/t/[tenant]/prizes/[prizeId]/ledger.csv', { weight: 0.5 }, (ctx) => ({
      method: 'GET',
      path: path('t', slug(ctx), 'prizes', id(ids(ctx.t.view.prizes), ids(by(ctx).prizes)), 'ledger.csv'),
      auth: sessionCredential('analyst'),
      query: obj({
        kind: choice(['RESTOCK', 'RESERVE', 'RELEASE', 'ISSUE', 'RETURN', 'ADJUST'], { optional: true }),
        activity: id(ids(ctx.t.view.activities), ids(by(ctx).activities), { optional: true }),
        from: day(),
        to: day(),
        cursor: text('1_1', { optional: true }),
      }),
    })),
    route('GET', '/t/[tenant]/winners/winners.csv', { weight: 0.5 }, (ctx) => ({
      method: 'GET',
      path: path('t', slug(ctx), 'winners/winners.csv'),
      auth: sessionCredential('operator', { lowerRoles: ['analyst'] }),
      query: obj({
        activity: id(ids(ctx.t.view.activities), ids(by(ctx).activities), { optional: true }),
        tier: id(tiersOf(ctx.t.view.activities), tiersOf(by(ctx).activities), { optional: true }),
        status: choice(['AWAITING_CLAIM', 'CLAIMED', 'VOID'], { optional: true }),
        from: day(),
        to: day(),
        user: text('u1', { optional: true, max: 128 }),
      }),
    })),
  ];
}

/** The H5 pages' routes and the uploaded banners: public, the activity id is the input. */
function playRoutes(): Endpoint[] {
  const locale = leaf(fc.constantFrom('en', 'zh-CN'), () =>
    fc.oneof(
      hostileText('en'),
      fc
        .constantFrom('EN', 'zh-cn', 'xx', '..', 'en-US-x-twain')
        .map((value): Mutant => ({ label: 'locale:odd', value })),
    ),
  );
  const lang = obj({
    'accept-language': header(
      fc.constantFrom('zh-CN,zh;q=0.9', 'en'),
      fc
        .constantFrom('*;q=nan', 'x'.repeat(5_000), 'zh-CN;q=2', ',,,', 'en;q=0.5,'.repeat(500))
        .map((value): Mutant => ({ label: 'accept-language:odd', value })),
    ),
    cookie: hostileOnlyHeader(
      fc
        .constantFrom('lang=xx', 'lang=%00', `lang=${'x'.repeat(4_000)}`, 'lang=zh-CN; lang=en')
        .map((value): Mutant => ({ label: 'cookie:odd-lang', value })),
    ),
  });
  return [
    route('GET', '/play/[activityId]/[locale]', { weight: 0.5 }, (ctx) => ({
      method: 'GET',
      path: path('play', id(ids(live(ctx.t)), ids(by(ctx).activities)), locale),
      auth: NO_CREDENTIAL,
      headers: lang,
    })),
    route('GET', '/play/[activityId]/demo-users', { weight: 0.3 }, (ctx) => ({
      method: 'GET',
      path: path('play', id(ids(live(ctx.t)), ids(by(ctx).activities)), 'demo-users'),
      auth: NO_CREDENTIAL,
    })),
    // Without a preview token (only the console mints them) the draft's page is a 404.
    route('GET', '/play/[activityId]/preview', { weight: 0.2 }, (ctx) => ({
      method: 'GET',
      path: path('play', id(ids(by(ctx).activities), ids(live(ctx.t))), 'preview'),
      auth: NO_CREDENTIAL,
      headers: lang,
    })),
    route('GET', '/play/[activityId]/rules', { weight: 0.5 }, (ctx) => ({
      method: 'GET',
      path: path('play', id(ids(live(ctx.t)), ids(by(ctx).activities)), 'rules'),
      auth: NO_CREDENTIAL,
      headers: lang,
    })),
    route('GET', '/uploads/[file]', { weight: 0.3 }, (ctx) => ({
      method: 'GET',
      path: path(
        'uploads',
        leaf(
          fc.constantFrom(...(ctx.uploads.length ? ctx.uploads : ['00000000-0000-4000-8000-000000000000.png'])),
          () =>
            fc
              .constantFrom(
                new RawPath('..%2Fpackage.json'),
                new RawPath('%2e%2e%2f.env'),
                '../../.env',
                'x.svg',
                '00000000-0000-4000-8000-000000000000.PNG',
                '.png',
                `${'a'.repeat(36)}.png`,
                '\u0000.png',
              )
              .map((value): Mutant => ({ label: 'upload:traversal-or-odd', value })),
        ),
      ),
      auth: NO_CREDENTIAL,
    })),
  ];
}

/** For every route method the file does not export: 405 in the API's error shape (under /api). */
function methodProbes(files: RouteFile[], served: Endpoint[]): Endpoint[] {
  const out: Endpoint[] = [];
  for (const f of files) {
    const template = served.find(
      (e) => e.covers.endsWith(` ${f.pattern}`) && !e.name.includes('signout') && !e.name.includes('callback'),
    );
    if (!template) continue;
    for (const method of HTTP_METHODS.filter((m) => !f.methods.includes(m))) {
      out.push({
        name: `${method} ${f.pattern} (not served)`,
        covers: `${method} ${f.pattern} (not served)`,
        weight: 0.1,
        arbitrary: (ctx) => template.arbitrary(ctx).filter((d) => d.mutation === null),
        render: async (ctx, d) => {
          const call = await template.render(ctx, d);
          return {
            ...call,
            endpoint: `${method} ${f.pattern} (not served)`,
            method,
            body: method === 'GET' ? undefined : Buffer.from('{}'),
            headers: { ...call.headers, 'content-type': 'application/json' },
            expectMethodNotAllowed: f.pattern.startsWith('/api/'),
          };
        },
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- server actions

const TINY_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

type Role = 'owner' | 'operator' | 'analyst';

/** A server action endpoint: its arguments, the session it needs, and protocol-level attacks. */
function action(
  file: string,
  name: string,
  role: Role | 'none',
  args: (ctx: Ctx) => Node[] | fc.Arbitrary<Node[]>,
  o: { weight?: number; transform?: (args: unknown[]) => unknown[] } = {},
): Endpoint {
  const k = actionKey(file, name);
  const lowerRoles =
    role === 'owner' ? (['operator', 'analyst'] as const) : role === 'operator' ? (['analyst'] as const) : [];
  const parts = (ctx: Ctx, nodes: Node[]): Record<string, Part> => ({
    args: { node: arr(...nodes), place: 'action' },
    auth: {
      node: role === 'none' ? NO_CREDENTIAL : sessionCredential(role, { lowerRoles: [...lowerRoles] }),
      place: 'header',
    },
    headers: {
      place: 'header',
      node: obj({
        origin: leaf(
          fc.constant(ctx.baseUrl),
          () =>
            fc.oneof(
              fc
                .constantFrom('https://evil.example', 'null', `${ctx.baseUrl}.evil.example`, 'http://localhost:1')
                .map((value): Mutant => ({ label: 'action:forged-origin', value })),
              fc.constant<Mutant>({ label: 'action:no-origin', value: REMOVE_HEADER }),
            ),
          { typed: false },
        ),
        'next-action': leaf(
          fc.constant(ctx.actionPage(k)?.id ?? ''),
          () =>
            fc
              .constantFrom('0'.repeat(42), '7f'.repeat(21), 'x', '', '../../x', 'toString', '__proto__')
              .map((value): Mutant => ({ label: 'action:unknown-id', value })),
          { typed: false },
        ),
      }),
    },
    protocol: { node: leaf(fc.constant(OMIT), () => protocolAttacks(), { typed: false }), place: 'header' },
  });
  return {
    name: `action ${k}`,
    covers: k,
    weight: o.weight ?? 1,
    arbitrary: (ctx) => {
      const a = args(ctx);
      return a instanceof fc.Arbitrary
        ? a.chain((nodes) => requestArbitrary(parts(ctx, nodes)))
        : requestArbitrary(parts(ctx, a));
    },
    render: (ctx, d) => renderAction(ctx, `action ${k}`, k, d, o.transform),
  };
}

/** Bodies Next's action decoder must refuse without a 5xx. */
function protocolAttacks(): fc.Arbitrary<Mutant> {
  const raw = (s: string, contentType?: string) => new RawBody(Buffer.from(s), contentType);
  return fc.oneof(
    fc
      .constantFrom(raw(''), raw('x'), raw('['), raw('{"'), raw('"\\ud800"'), raw('[1,]'))
      .map((value): Mutant => ({ label: 'action-protocol:bad-json', value })),
    fc
      .constantFrom(
        raw('["$1"]'),
        raw('["$@1"]'),
        raw('["$Q1"]'),
        raw('["$K1"]'),
        raw('["$h1"]'),
        raw('["$T1"]'),
        raw('["$B1"]'),
        raw('["$R1"]'),
        raw('["$Z"]'),
        raw('[{"then":"$1:__proto__:then"}]'),
        raw('["$1:constructor:constructor"]'),
        raw('[{"__proto__":{"polluted":true}},"x"]'),
      )
      .map((value): Mutant => ({ label: 'action-protocol:references', value })),
    fc
      .constantFrom(
        raw('['.repeat(30_000) + ']'.repeat(30_000)),
        raw(JSON.stringify(Array.from({ length: 1_001 }, () => 'x'))),
        raw(`["${'x'.repeat(1_100_000)}"]`),
      )
      .map((value): Mutant => ({ label: 'action-protocol:size', value })),
    fc
      .constantFrom(
        raw('["a"]', 'application/json'),
        raw('a=1', 'application/x-www-form-urlencoded'),
        raw('--x\r\n\r\n', 'multipart/form-data'),
        raw('--x--', 'multipart/form-data; boundary=x'),
      )
      .map((value): Mutant => ({ label: 'action-protocol:content-type', value })),
  );
}

const A = 'app/(console)/t/[tenant]';

function actions(): Endpoint[] {
  const slug = (ctx: Ctx): Node =>
    leaf(fc.constant(ctx.t.slug), () =>
      fc.oneof(
        hostileText(ctx.t.slug),
        fc
          .constantFrom(ctx.bystander.slug, ctx.t.slug.toUpperCase(), ` ${ctx.t.slug}`)
          .map((value): Mutant => ({ label: 'slug:other-or-spelled', value })),
      ),
    );
  const act = (ctx: Ctx, ...statuses: string[]) => id(ids(activitiesIn(ctx.t, ...statuses)), ids(by(ctx).activities));
  const reason = text('checked by the fuzz', { max: 300 });
  const wins = (ctx: Ctx, ...statuses: string[]) =>
    id(ids(ctx.t.view.wins.filter((w) => statuses.includes(w.status))), ids(by(ctx).wins));
  const fodder = (ctx: Ctx) =>
    ctx.t.view.members
      .filter((m) => ![ctx.t.owner.id, ctx.t.operator.id, ctx.t.analyst.id].includes(m.operatorId))
      .map((m) => m.operatorId);
  const otherKeys = (ctx: Ctx) =>
    ctx.t.view.apiKeys.filter((k) => !k.revoked && k.id !== ctx.t.apiKeyId).map((k) => k.id);
  const specJson = (args: unknown[]) =>
    args.map((a, i) =>
      i === 1 &&
      a &&
      typeof a === 'object' &&
      !(a instanceof Map) &&
      !(a instanceof Set) &&
      !(a instanceof Date) &&
      !(a instanceof Blob)
        ? jsonText(a)
        : a,
    );

  return [
    action(`${A}/activities/actions.ts`, 'createDraftAction', 'operator', (ctx) => [slug(ctx)], { weight: 0.5 }),
    action(
      `${A}/activities/actions.ts`,
      'importSpecAction',
      'operator',
      (ctx) => [slug(ctx), specNode(ctx, { draft: true })],
      { transform: specJson },
    ),
    action(`${A}/activities/actions.ts`, 'saveDraftAction', 'operator', (ctx) =>
      fc
        .constantFrom(...activitiesIn(ctx.t, 'DRAFT'))
        .map((a) => [
          slug(ctx),
          id([a.id], ids(by(ctx).activities)),
          int(a.version, { min: 0, max: 2_147_483_647 }),
          specNode(ctx, { draft: true }),
        ]),
    ),
    action(`${A}/activities/actions.ts`, 'saveDraftFieldsAction', 'operator', (ctx) =>
      fc.constantFrom(...activitiesIn(ctx.t, 'DRAFT')).map((a) => [
        slug(ctx),
        id([a.id], ids(by(ctx).activities)),
        obj({
          version: int(a.version, { min: 0, max: 2_147_483_647 }),
          spec: specNode(ctx, { draft: true }),
        }),
      ]),
    ),
    action(
      `${A}/activities/actions.ts`,
      'createFromTemplateAction',
      'operator',
      (ctx) => [
        slug(ctx),
        choice(['daily-check-in-wheel', 'festival-grid', 'scratch-fixed-winners']),
        choice(['UTC', 'Asia/Shanghai']),
      ],
      { weight: 0.3 },
    ),
    action(
      `${A}/activities/actions.ts`,
      'simulateAction',
      'analyst',
      (ctx) => [
        slug(ctx),
        act(ctx),
        obj({
          draws: int(fc.integer({ min: 1, max: 2_000 }), { min: 1, max: 200_000 }),
          shape: choice(['flat', 'evening', 'launch']),
        }),
      ],
      { weight: 0.5 },
    ),
    action(`${A}/activities/actions.ts`, 'publishAction', 'operator', (ctx) => [slug(ctx), act(ctx, 'DRAFT')]),
    action(
      `${A}/activities/actions.ts`,
      'saveAsTemplateAction',
      'operator',
      (ctx) => [slug(ctx), act(ctx, 'DRAFT'), text('Fuzz template', { max: 80 })],
      { weight: 0.2 },
    ),
    action(`${A}/activities/actions.ts`, 'verifyFairnessAction', 'analyst', (ctx) => [slug(ctx), act(ctx)], {
      weight: 0.2,
    }),
    action(`${A}/activities/actions.ts`, 'duplicateAction', 'operator', (ctx) => [slug(ctx), act(ctx)], {
      weight: 0.3,
    }),
    action(`${A}/activities/actions.ts`, 'deleteDraftAction', 'operator', (ctx) => [slug(ctx), act(ctx, 'DRAFT')], {
      weight: 0.2,
    }),
    action(`${A}/activities/actions.ts`, 'archiveAction', 'operator', (ctx) => [slug(ctx), act(ctx, 'ENDED'), flag()], {
      weight: 0.2,
    }),
    action(
      `${A}/activities/actions.ts`,
      'changeStatusAction',
      'operator',
      (ctx) => [
        slug(ctx),
        act(ctx, 'LIVE', 'PAUSED'),
        choice(['pause', 'resume', 'end'], { valid: ['pause', 'resume'] }),
      ],
      { weight: 0.5 },
    ),
    action(`${A}/activities/[activityId]/dashboard/actions.ts`, 'adjustTierAction', 'operator', (ctx) =>
      fc.constantFrom(...activitiesIn(ctx.t, 'LIVE', 'PAUSED').filter((a) => a.tiers.length)).chain((a) =>
        fc.constantFrom(...a.tiers).map((tier) => [
          slug(ctx),
          id([a.id], ids(by(ctx).activities)),
          id([tier.id], tiersOf(by(ctx).activities)),
          obj({
            probability: decimal(fc.constantFrom(0.05, 0.1), { optional: true }),
            stock: int(tier.stock + 10, { min: 0, max: 100_000_000 }),
            expected: obj({ probability: decimal(tier.probability), stock: int(tier.stock) }),
          }),
        ]),
      ),
    ),
    action(
      `${A}/activities/[activityId]/dashboard/actions.ts`,
      'changeStatusAction',
      'operator',
      (ctx) =>
        fc.constantFrom(...activitiesIn(ctx.t, 'LIVE', 'PAUSED')).map((a) => [
          slug(ctx),
          id([a.id], ids(by(ctx).activities)),
          obj({
            transition: choice(['pause', 'resume', 'end'], { valid: [a.status === 'LIVE' ? 'pause' : 'resume'] }),
            expectedStatus: choice(['DRAFT', 'SCHEDULED', 'LIVE', 'PAUSED', 'ENDED'], { valid: [a.status] }),
          }),
        ]),
      { weight: 0.5 },
    ),
    // The console's changes: patches of live tiers as the API's, change ids unknown to the fuzz
    // (hostile or another tenant's), and the policy kept at 0 as for the API.
    ...(['previewChangeAction', 'proposeChangeAction'] as const).map((name) =>
      action(`${A}/changes/actions.ts`, name, 'operator', (ctx) =>
        fc.constantFrom(...activitiesIn(ctx.t, 'LIVE', 'PAUSED').filter((a) => a.tiers.length)).chain((a) =>
          fc.constantFrom(...a.tiers).map((tier) => [
            slug(ctx),
            id([a.id], ids(by(ctx).activities)),
            obj({
              patch: obj({
                tiers: arr(
                  obj({
                    id: id([tier.id], tiersOf(by(ctx).activities)),
                    probability: decimal(fc.constantFrom(0.05, 0.1, 0.15), { optional: true }),
                    stock: int(fc.integer({ min: tier.stock, max: tier.stock + 100 }), { min: 0, max: 100_000_000 }),
                  }),
                ),
              }),
              reason: text('fuzz change', { max: 500, optional: true }),
            }),
          ]),
        ),
      ),
    ),
    ...(['approveChangeAction', 'cancelChangeAction', 'rebaseChangeAction'] as const).map((name) =>
      action(`${A}/changes/actions.ts`, name, 'operator', (ctx) => [slug(ctx), id([])], { weight: 0.2 }),
    ),
    action(
      `${A}/changes/actions.ts`,
      'rejectChangeAction',
      'operator',
      (ctx) => [slug(ctx), id([]), obj({ reason: text('fuzz reject', { max: 500, optional: true }) })],
      { weight: 0.2 },
    ),
    action(
      `${A}/changes/actions.ts`,
      'editChangeAction',
      'operator',
      (ctx) => [slug(ctx), id([]), obj({ reason: text('fuzz edit', { max: 500 }) })],
      { weight: 0.2 },
    ),
    action(
      `${A}/changes/actions.ts`,
      'restoreVersionAction',
      'operator',
      (ctx) => [
        slug(ctx),
        act(ctx, 'LIVE', 'PAUSED'),
        int(fc.constantFrom(1, 2), { min: 1, max: 2_147_483_647 }),
        obj({ reason: text('fuzz restore', { max: 500, optional: true }) }),
      ],
      { weight: 0.2 },
    ),
    action(
      `${A}/changes/actions.ts`,
      'simulateChangeAction',
      'operator',
      (ctx) => [
        slug(ctx),
        obj({ changeId: id([]) }),
        obj({
          draws: int(fc.integer({ min: 1, max: 500 }), { min: 1, max: 200_000 }),
          shape: choice(['flat', 'evening', 'launch']),
        }),
      ],
      { weight: 0.2 },
    ),
    action(
      `${A}/settings/approvals-actions.ts`,
      'setApprovalPolicyAction',
      'owner',
      (ctx) => [
        slug(ctx),
        obj({
          required: int(fc.constant(0), { min: 0, max: 5 }),
          scope: arr(choice(['odds', 'stock', 'period', 'limits', 'tiers', 'tasks', 'materials'])),
        }),
      ],
      { weight: 0.3 },
    ),
    action(`${A}/alerts-actions.ts`, 'acknowledgeAlertAction', 'operator', (ctx) => [
      slug(ctx),
      id(ids(ctx.t.view.alerts), ids(by(ctx).alerts)),
    ]),
    action(`${A}/prizes/actions.ts`, 'restockPrizeAction', 'operator', (ctx) => [
      slug(ctx),
      id(ids(ctx.t.view.prizes.filter((p) => p.kind !== 'COUPON')), ids(by(ctx).prizes)),
      int(fc.integer({ min: 1, max: 500 }), { min: -100_000_000, max: 100_000_000 }),
      text('restocked by the fuzz', { max: 500 }),
    ]),
    action(
      `${A}/prizes/actions.ts`,
      'updatePrizeAction',
      'operator',
      (ctx) => [
        slug(ctx),
        id(ids(ctx.t.view.prizes), ids(by(ctx).prizes)),
        obj({
          name: text('Fuzz prize', { max: 120 }),
          translations: obj({ en: obj({ name: text('Prize', { max: 120 }) }) }),
        }),
      ],
      { weight: 0.3 },
    ),
    action(`${A}/prizes/actions.ts`, 'addPrizeCodesAction', 'operator', (ctx) => [
      slug(ctx),
      id(ids(ctx.t.view.prizes.filter((p) => p.kind === 'COUPON')), ids(by(ctx).prizes)),
      arr(text(fc.uuid(), { max: 100 })),
    ]),
    action(`${A}/prizes/actions.ts`, 'createPrizeAction', 'operator', (ctx) => [slug(ctx), prizeNode(ctx)]),
    action(`${A}/risk/actions.ts`, 'createRiskRuleAction', 'operator', (ctx) => [slug(ctx), riskRuleNode(ctx)]),
    action(`${A}/risk/actions.ts`, 'setRiskRuleEnabledAction', 'operator', (ctx) => [
      slug(ctx),
      id(ids(ctx.t.view.riskRules), ids(by(ctx).riskRules)),
      flag(),
    ]),
    action(
      `${A}/risk/actions.ts`,
      'deleteRiskRuleAction',
      'operator',
      (ctx) => [slug(ctx), id(ids(ctx.t.view.riskRules).slice(1), ids(by(ctx).riskRules))],
      { weight: 0.5 },
    ),
    action(`${A}/risk/actions.ts`, 'addRiskListEntriesAction', 'operator', (ctx) => [
      slug(ctx),
      obj({
        kind: choice(['user', 'device', 'ip']),
        lines: text(fc.stringMatching(/^fz-bl-[a-z0-9]{4,12}$/), { multiline: true, max: 500_000 }),
        reason: text('fuzz', { max: 200, optional: true }),
      }),
    ]),
    action(
      `${A}/risk/actions.ts`,
      'removeRiskListEntryAction',
      'operator',
      (ctx) => [slug(ctx), id(ids(ctx.t.view.riskEntries).slice(1), ids(by(ctx).riskEntries))],
      { weight: 0.5 },
    ),
    action(`${A}/risk/actions.ts`, 'importRiskListCsvAction', 'operator', (ctx) => [
      slug(ctx),
      text(
        fc.stringMatching(/^fz-csv-[a-z0-9]{4,12}$/).map((v) => `kind,value\nuser,${v}\n`),
        { multiline: true, max: 900_000 },
      ),
    ]),
    action(
      `${A}/risk/actions.ts`,
      'listRiskEventsAction',
      'analyst',
      (ctx) => [slug(ctx), id(ids(ctx.t.view.activities), ids(by(ctx).activities))],
      { weight: 0.5 },
    ),
    action(
      `${A}/settings/actions.ts`,
      'createApiKeyAction',
      'owner',
      (ctx) => [slug(ctx), text('fuzz key', { max: 80 })],
      { weight: 0.5 },
    ),
    action(
      `${A}/settings/actions.ts`,
      'revokeApiKeyAction',
      'owner',
      (ctx) => [slug(ctx), id(otherKeys(ctx), ids(by(ctx).apiKeys))],
      { weight: 0.5 },
    ),
    action(
      `${A}/settings/actions.ts`,
      'inviteMemberAction',
      'owner',
      (ctx) => [
        slug(ctx),
        email(fc.stringMatching(/^[a-z0-9]{6,10}$/).map((v) => `invitee-${v}@fuzz.test`)),
        choice(['OWNER', 'OPERATOR', 'ANALYST'], { valid: ['OPERATOR', 'ANALYST'] }),
      ],
      { weight: 0.5 },
    ),
    action(
      `${A}/settings/actions.ts`,
      'revokeInvitationAction',
      'owner',
      (ctx) => [slug(ctx), id(ids(ctx.t.view.invitations), ids(by(ctx).invitations))],
      { weight: 0.3 },
    ),
    action(
      `${A}/settings/actions.ts`,
      'changeMemberRoleAction',
      'owner',
      (ctx) => [
        slug(ctx),
        id(
          fodder(ctx).length ? fodder(ctx) : [ctx.t.analyst.id],
          by(ctx).members.map((m) => m.operatorId),
        ),
        choice(['OWNER', 'OPERATOR', 'ANALYST'], { valid: fodder(ctx).length ? ['OPERATOR', 'ANALYST'] : ['ANALYST'] }),
      ],
      { weight: 0.5 },
    ),
    action(
      `${A}/settings/actions.ts`,
      'removeMemberAction',
      'owner',
      (ctx) => [
        slug(ctx),
        id(
          fodder(ctx),
          by(ctx).members.map((m) => m.operatorId),
        ),
      ],
      { weight: 0.3 },
    ),
    action(
      `${A}/settings/actions.ts`,
      'updateHostAppOriginsAction',
      'owner',
      (ctx) => [slug(ctx), arr(url('https://app.fuzz.example'), url('http://localhost:3000'))],
      { weight: 0.2 },
    ),
    action(
      `${A}/settings/actions.ts`,
      'createWebhookEndpointAction',
      'owner',
      (ctx) => [
        slug(ctx),
        obj({
          url: text('https://hooks.fuzz.example/in', { max: 2_000 }),
          events: arr(choice(['win.created', 'alert.raised'])),
          fulfilment: flag(),
        }),
      ],
      { weight: 0.2 },
    ),
    action(
      `${A}/settings/actions.ts`,
      'setWebhookEndpointEnabledAction',
      'owner',
      (ctx) => [slug(ctx), id(ids(ctx.t.view.webhookEndpoints), ids(by(ctx).webhookEndpoints)), flag()],
      { weight: 0.2 },
    ),
    action(
      `${A}/settings/actions.ts`,
      'resendWebhookDeliveryAction',
      'owner',
      (ctx) => {
        const d = ctx.t.view.webhookDeliveries[0] ?? {
          id: '00000000-0000-4000-8000-000000000002',
          endpointId: '00000000-0000-4000-8000-000000000003',
        };
        return [
          slug(ctx),
          id([d.endpointId], ids(by(ctx).webhookEndpoints)),
          id([d.id], ids(by(ctx).webhookDeliveries)),
        ];
      },
      { weight: 0.2 },
    ),
    action(
      `${A}/settings/actions.ts`,
      'updateTimezoneAction',
      'owner',
      (ctx) => [slug(ctx), text(fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'UTC'), { max: 64 })],
      { weight: 0.2 },
    ),
    action(
      `${A}/settings/actions.ts`,
      'rotateSecretAction',
      'owner',
      (ctx) => [slug(ctx), choice(['userToken', 'webhook'])],
      { weight: 0.2 },
    ),
    action(`${A}/winners/actions.ts`, 'shipWinAction', 'operator', (ctx) => [
      slug(ctx),
      wins(ctx, 'CLAIMED', 'AWAITING_CLAIM'),
      text('SF Express', { max: 60 }),
      text(fc.stringMatching(/^SF[0-9]{10}$/), { max: 60 }),
    ]),
    action(
      `${A}/winners/actions.ts`,
      'importShipmentsAction',
      'operator',
      (ctx) => {
        const claimed = ids(ctx.t.view.wins.filter((w) => w.status === 'CLAIMED' || w.status === 'AWAITING_CLAIM'));
        const lines = fc
          .uniqueArray(fc.constantFrom(...(claimed.length ? claimed : ['00000000-0000-4000-8000-000000000000'])), {
            minLength: 1,
            maxLength: 3,
          })
          .map((winIds) =>
            ['winId,carrier,trackingNumber', ...winIds.map((w) => `${w},SF Express,SF1234567890`)].join('\n'),
          );
        return [slug(ctx), text(lines, { max: 1_000_000, multiline: true })];
      },
      { weight: 0.2 },
    ),
    action(
      `${A}/winners/actions.ts`,
      'voidWinAction',
      'operator',
      (ctx) => [slug(ctx), wins(ctx, 'AWAITING_CLAIM', 'CLAIMED'), reason],
      { weight: 0.5 },
    ),
    action(`${A}/winners/actions.ts`, 'approveWinAction', 'operator', (ctx) => [slug(ctx), wins(ctx, 'HELD')], {
      weight: 0.5,
    }),
    action(`${A}/winners/actions.ts`, 'rejectWinAction', 'operator', (ctx) => [slug(ctx), wins(ctx, 'HELD'), reason], {
      weight: 0.5,
    }),
    action(
      `${A}/winners/actions.ts`,
      'bulkWinAction',
      'operator',
      (ctx) => [
        slug(ctx),
        arr(wins(ctx, 'AWAITING_CLAIM', 'CLAIMED')),
        leaf(
          fc.constantFrom<unknown>(
            { kind: 'approve' },
            { kind: 'void', reason: 'bulk fuzz' },
            { kind: 'reject', reason: 'bulk fuzz' },
          ),
          () =>
            fc
              .constantFrom<unknown>(
                { kind: 'ship', carrier: 'x', trackingNumbers: { 'not-a-uuid': 'x' } },
                { kind: 'delete' },
                { kind: 'void' },
                { kind: 'void', reason: '\u0000' },
                { kind: 'ship', carrier: 'SF', trackingNumbers: Object.fromEntries([['__proto__', 'x']]) },
              )
              .map((value): Mutant => ({ label: 'bulk:odd-action', value })),
        ),
      ],
      { weight: 0.5 },
    ),
    action(
      `${A}/settings/actions.ts`,
      'issuePasswordResetAction',
      'owner',
      (ctx) => [
        slug(ctx),
        id(
          ctx.t.view.members.map((m) => m.operatorId),
          by(ctx).members.map((m) => m.operatorId),
        ),
      ],
      { weight: 0.2 },
    ),
    // The fuzz's owner has no two-factor: turning the requirement on is refused, off is kept.
    action(`${A}/settings/actions.ts`, 'setRequireOwnerTwoFactorAction', 'owner', (ctx) => [slug(ctx), flag()], {
      weight: 0.2,
    }),
    // An operator's own two-factor: any signed-in operator, never another's.
    action('app/(console)/account/security/actions.ts', 'startTwoFactorAction', 'analyst', () => [], { weight: 0.1 }),
    action(
      'app/(console)/account/security/actions.ts',
      'confirmTwoFactorAction',
      'analyst',
      () => [text(fc.stringMatching(/^\d{6}$/), { max: 40 })],
      { weight: 0.1 },
    ),
    action(
      'app/(console)/account/security/actions.ts',
      'disableTwoFactorAction',
      'analyst',
      () => [text(fc.stringMatching(/^\d{6}$/), { max: 40 })],
      { weight: 0.1 },
    ),
    // The console's language: anyone, signed in or not; only a console language is kept.
    action(
      'app/(console)/locale-actions.ts',
      'setConsoleLocaleAction',
      'none',
      () => [text(fc.constantFrom('en', 'zh-CN', 'zh', 'EN', 'fr'), { max: 40 })],
      { weight: 0.05 },
    ),
    action(
      'app/(console)/reset/actions.ts',
      'requestPasswordResetAction',
      'none',
      () => [email(fc.stringMatching(/^[a-z0-9]{6,10}$/).map((v) => `forgot-${v}@fuzz.test`))],
      { weight: 0.1 },
    ),
    action(
      'app/(console)/reset/actions.ts',
      'resetPasswordAction',
      'none',
      () => [text(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), { max: 200 }), text('fuzz-password-0123', { max: 200 })],
      { weight: 0.1 },
    ),
    action(
      'app/(console)/invite/[token]/actions.ts',
      'acceptInvitationAction',
      'none',
      (ctx) => [
        leaf(fc.constantFrom(...(ctx.t.inviteTokens.length ? ctx.t.inviteTokens : ['no-token'])), () =>
          fc.oneof(
            hostileText('token'),
            fc
              .constantFrom(...ctx.t.inviteTokens.map((x) => x.toUpperCase()), 'x'.repeat(201))
              .map((value): Mutant => ({ label: 'invite:spelled-token', value })),
          ),
        ),
        obj({
          kind: fixed('new'),
          name: text('Fuzz Invitee', { max: 80 }),
          password: text('fuzz-password-0123', { max: 200 }),
        }),
      ],
      { weight: 0.3 },
    ),
  ];
}

/** The management API's share of what the console does: risk, audit and the winner actions. */
function manageConsoleParity(): Endpoint[] {
  const apiKey = apiKeyCredential;
  const winsIn = (ctx: Ctx, ...statuses: string[]) =>
    id(ids(ctx.t.view.wins.filter((w) => statuses.includes(w.status))), ids(by(ctx).wins));
  const rule = (ctx: Ctx) => id(ids(ctx.t.view.riskRules), ids(by(ctx).riskRules));
  const reason = obj({ reason: text('checked by the fuzz', { max: 300 }) });
  const cursor = text(fc.constantFrom('1', '99999'), { optional: true, max: 20 });
  const limit = int(fc.integer({ min: 1, max: 200 }), { min: 1, max: 200, optional: true });
  const winAction = (action: string, statuses: string[], body?: Node) =>
    route('POST', `/api/manage/wins/[winId]/${action}`, { weight: 0.5 }, (ctx) => ({
      method: 'POST',
      path: path('api/manage/wins', winsIn(ctx, ...statuses), action),
      auth: apiKey(),
      ...jsonBody(body ?? obj({})),
    }));
  return [
    route('GET', '/api/manage/risk/rules', { weight: 0.5 }, () => ({
      method: 'GET',
      path: path('api/manage/risk/rules'),
      auth: apiKey(),
    })),
    route('POST', '/api/manage/risk/rules', { weight: 0.5 }, (ctx) => ({
      method: 'POST',
      path: path('api/manage/risk/rules'),
      auth: apiKey(),
      ...jsonBody(riskRuleNode(ctx)),
    })),
    route('PATCH', '/api/manage/risk/rules/[id]', { weight: 0.5 }, (ctx) => ({
      method: 'PATCH',
      path: path('api/manage/risk/rules', rule(ctx)),
      auth: apiKey(),
      ...jsonBody(
        obj({
          enabled: flag({ optional: true }),
          action: choice(['block', 'rate_limited', 'force_lose', 'hold'], { valid: ['rate_limited', 'hold'] }),
        }),
      ),
    })),
    route('DELETE', '/api/manage/risk/rules/[id]', { weight: 0.2 }, (ctx) => ({
      method: 'DELETE',
      path: path('api/manage/risk/rules', rule(ctx)),
      auth: apiKey(),
    })),
    route('POST', '/api/manage/risk/lists', { weight: 0.5 }, () => ({
      method: 'POST',
      path: path('api/manage/risk/lists'),
      auth: apiKey(),
      ...jsonBody(
        obj({
          kind: choice(['user', 'device', 'ip']),
          action: choice(['add', 'remove']),
          values: arr(text(fc.constantFrom('fuzz-listed-user', 'fuzz-listed-2'), { max: 128 })),
          reason: text('fuzz list', { max: 200, optional: true }),
        }),
      ),
    })),
    route('GET', '/api/manage/risk/events', { weight: 0.5 }, (ctx) => ({
      method: 'GET',
      path: path('api/manage/risk/events'),
      auth: apiKey(),
      query: obj({
        limit,
        cursor,
        activityId: id(ids(ctx.t.view.activities), ids(by(ctx).activities), { optional: true }),
        action: choice(['block', 'rate_limited', 'force_lose', 'hold'], { optional: true }),
        userId: text('fuzz-user', { max: 128, optional: true }),
      }),
    })),
    route('GET', '/api/manage/audit', { weight: 0.5 }, () => ({
      method: 'GET',
      path: path('api/manage/audit'),
      auth: apiKey(),
      query: obj({
        limit,
        cursor,
        objectType: text('RiskRule', { max: 60, optional: true }),
        actorType: choice(['OPERATOR', 'API_KEY', 'SYSTEM', 'USER'], { optional: true }),
      }),
    })),
    winAction(
      'ship',
      ['CLAIMED'],
      obj({
        carrier: text('SF Express', { max: 60 }),
        trackingNumber: text(fc.stringMatching(/^SF[0-9]{10}$/), { max: 60 }),
      }),
    ),
    winAction('void', ['AWAITING_CLAIM', 'CLAIMED'], reason),
    winAction('approve', ['HELD']),
    winAction('reject', ['HELD'], reason),
  ];
}

function riskRuleNode(ctx: Ctx): Node {
  const activity = id(ids(ctx.t.view.activities), ids(by(ctx).activities), { optional: true });
  return obj({
    kind: choice(['rate_limit_user', 'rate_limit_device', 'rate_limit_ip']),
    limit: int(100_000, { min: 1, max: 100_000 }),
    windowSeconds: int(fc.integer({ min: 1, max: 86_400 }), { min: 1, max: 86_400 }),
    action: choice(['block', 'rate_limited', 'force_lose', 'hold'], { valid: ['rate_limited', 'hold'] }),
    activityId: activity,
    enabled: flag({ optional: true }),
  });
}

/** Every endpoint of the model, for the project's routes and actions. */
export function buildModel(files: RouteFile[]): Endpoint[] {
  const served = [...routes(), ...actions()];
  return [...served, ...methodProbes(files, served)];
}

/** What the project has that the model does not cover, and what the model covers that is gone. */
export function checkCoverage(
  files: RouteFile[],
  exportsOfActions: ActionExport[],
  model: Endpoint[],
  builtActions: Map<string, unknown>,
): string[] {
  const covered = new Set(model.map((e) => e.covers));
  const problems: string[] = [];
  for (const f of files) {
    for (const m of f.methods)
      if (!covered.has(`${m} ${f.pattern}`))
        problems.push(`route ${m} ${f.pattern} (${f.file}) is missing from the fuzz model (tests/fuzz/model.ts)`);
  }
  for (const a of exportsOfActions) {
    const k = actionKey(a.file, a.name);
    if (!covered.has(k)) problems.push(`server action ${k} is missing from the fuzz model (tests/fuzz/model.ts)`);
    else if (!builtActions.has(k))
      problems.push(`server action ${k} has no id in the build's server-reference manifest (is the build stale?)`);
  }
  const real = new Set([
    ...files.flatMap((f) => HTTP_METHODS.map((m) => `${m} ${f.pattern}`)),
    ...files.flatMap((f) => HTTP_METHODS.map((m) => `${m} ${f.pattern} (not served)`)),
    ...exportsOfActions.map((a) => actionKey(a.file, a.name)),
  ]);
  for (const c of covered)
    if (!real.has(c)) problems.push(`the fuzz model covers ${c}, which the project no longer has`);
  return problems;
}
