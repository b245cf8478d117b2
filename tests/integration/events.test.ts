// POST /api/v1/events: signed deliveries grant chances once per eventId; anything unsigned,
// stale, unknown or malformed is refused with nothing granted.
import { describe, expect, it } from 'vitest';
import { POST as events } from '@/app/api/v1/events/route';
import { db } from '@/lib/db';
import { drawKeys } from '@/lib/draw/keys';
import { signEventBody } from '@/lib/events/verify-event-signature';
import { createRedis } from '@/lib/redis';
import { liveActivity } from '../helpers/activities';
import { callRoute, uniqueSlug } from '../helpers/fixtures';

async function setUp() {
  const live = await liveActivity((p) => [{ probability: 0.5, stock: 1000, prizes: [{ prizeId: p[0]! }] }], {
    overrides: {
      tasks: [
        { kind: 'event', eventType: 'post_created', name: 'Post a moment', chances: 2, perDay: 3 },
        { kind: 'event', eventType: 'liked', name: 'Like', chances: 1 },
      ],
    },
  });
  return live;
}

type Tenant = Awaited<ReturnType<typeof setUp>>['tenant'];
const nowSeconds = () => Math.floor(Date.now() / 1000);
const event = (eventId: string, userId = 'amy', type = 'post_created') => ({
  eventId,
  userId,
  type,
  occurredAt: new Date().toISOString(),
});

function deliver(
  tenant: Pick<Tenant, 'slug' | 'webhookSecret'>,
  body: unknown,
  {
    timestamp = nowSeconds(),
    secret = tenant.webhookSecret,
    signature,
  }: { timestamp?: number; secret?: string; signature?: string } = {},
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return callRoute(events, {
    method: 'POST',
    body: raw,
    headers: {
      'content-type': 'application/json',
      'x-tenant': tenant.slug,
      'x-timestamp': String(timestamp),
      'x-signature': signature ?? signEventBody(secret, timestamp, raw),
    },
  });
}

const grantsOf = (activityId: string) =>
  db.chanceGrant.aggregate({ where: { activityId }, _sum: { chances: true }, _count: { _all: true } });
async function grantedInRedis(activityId: string, userId: string) {
  const redis = createRedis('worker');
  try {
    return Number((await redis.hget(drawKeys(activityId).user(userId), 'granted')) ?? 0);
  } finally {
    redis.disconnect();
  }
}

describe('POST /api/v1/events', () => {
  it('grants chances once per eventId, also for 20 concurrent deliveries of one event', async () => {
    const { tenant, activity } = await setUp();
    const first = await deliver(tenant, event('e-1'));
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({
      received: 1,
      counted: 1,
      duplicates: 0,
      results: [{ eventId: 'e-1', status: 'counted', chancesGranted: 2 }],
    });
    expect((await deliver(tenant, event('e-1'))).json).toMatchObject({ counted: 0, duplicates: 1 });

    const body = JSON.stringify(event('e-2'));
    const replies = await Promise.all(Array.from({ length: 20 }, () => deliver(tenant, body)));
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(replies.filter((r) => r.json.counted === 1)).toHaveLength(1);
    expect(await grantsOf(activity.id)).toMatchObject({ _count: { _all: 2 }, _sum: { chances: 4 } });
    expect(await grantedInRedis(activity.id, 'amy')).toBe(4);
    expect(await db.externalEvent.count({ where: { tenantId: tenant.id } })).toBe(2);
  });

  it('takes a batch of up to 500 within the task caps and refuses 501', async () => {
    const { tenant, activity } = await setUp();
    const batch = Array.from({ length: 500 }, (_, i) =>
      event(`b-${i}`, `u${i % 100}`, i < 400 ? 'post_created' : 'liked'),
    );
    const res = await deliver(tenant, { events: batch });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ received: 500, counted: 500, duplicates: 0 });
    // Each of 100 users: 4 post_created of which the cap (3 a day, 2 chances each) counts 3, and 1 liked (no cap).
    expect(await grantsOf(activity.id)).toMatchObject({
      _count: { _all: 100 * 4 },
      _sum: { chances: 100 * (3 * 2 + 1) },
    });
    expect(await grantedInRedis(activity.id, 'u7')).toBe(7);
    const tooMany = await deliver(tenant, { events: [...batch, event('b-500')] });
    expect(tooMany.status).toBe(400);
  });

  it('refuses a bad signature, a stale timestamp, an unknown tenant and a malformed body, granting nothing', async () => {
    const { tenant, activity } = await setUp();
    const expectError = (res: Awaited<ReturnType<typeof deliver>>, status: number, code: string) => {
      expect(res.status, res.text).toBe(status);
      expect(res.json.error.code).toBe(code);
    };
    expectError(await deliver(tenant, event('x-1'), { secret: 'not-the-secret' }), 401, 'UNAUTHORIZED');
    expectError(await deliver(tenant, event('x-2'), { signature: 'sha256=' + '0'.repeat(64) }), 401, 'UNAUTHORIZED');
    expectError(await deliver(tenant, event('x-3'), { timestamp: nowSeconds() - 301 }), 401, 'UNAUTHORIZED');
    expectError(await deliver(tenant, event('x-4'), { timestamp: nowSeconds() + 301 }), 401, 'UNAUTHORIZED');
    expectError(
      await deliver({ slug: uniqueSlug('ghost'), webhookSecret: tenant.webhookSecret }, event('x-5')),
      401,
      'UNAUTHORIZED',
    );
    const unsigned = await callRoute(events, { method: 'POST', body: event('x-6') });
    expectError(unsigned, 401, 'UNAUTHORIZED');
    // Signed but tampered: the body differs from the one signed.
    const ts = nowSeconds();
    const tampered = await callRoute(events, {
      method: 'POST',
      body: JSON.stringify(event('x-7', 'mallory')),
      headers: {
        'x-tenant': tenant.slug,
        'x-timestamp': String(ts),
        'x-signature': signEventBody(tenant.webhookSecret, ts, JSON.stringify(event('x-7'))),
      },
    });
    expectError(tampered, 401, 'UNAUTHORIZED');
    expectError(await deliver(tenant, '{"eventId": "x-8",'), 400, 'VALIDATION_FAILED');
    expectError(await deliver(tenant, { ...event('x-9'), extra: 1 }), 400, 'VALIDATION_FAILED');
    expectError(
      await deliver(tenant, { eventId: 'x-10', userId: 'amy', type: 'post_created', occurredAt: 'yesterday' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await grantsOf(activity.id)).toMatchObject({ _count: { _all: 0 } });
    expect(await db.externalEvent.count({ where: { tenantId: tenant.id } })).toBe(0);
    // The same tenant's correctly signed delivery still works afterwards.
    expect((await deliver(tenant, event('x-11'))).json.counted).toBe(1);
  });
});
