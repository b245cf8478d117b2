// End-user token claims are text from outside too: a `sub` or `dev` that PostgreSQL cannot
// store (NUL), that is not Unicode (a lone surrogate), that is padded or too long is 401 before
// anything else happens: no draw decided, no Draw row, no chance used. And no answer says
// whether a tenant exists: an unknown tenant and a wrong signature read the same, for user
// tokens and for the host app's signed events.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { POST as draw } from '@/app/api/v1/activities/[activityId]/draws/route';
import { POST as events } from '@/app/api/v1/events/route';
import { mintUserToken } from '@/lib/auth/user-token';
import { db } from '@/lib/db';
import { drawKeys } from '@/lib/draw/keys';
import { signEventBody } from '@/lib/events/verify-event-signature';
import { createRedis } from '@/lib/redis';
import { liveActivity } from '../helpers/activities';
import { bearer, callRoute, uniqueSlug } from '../helpers/fixtures';

const redis = createRedis('worker');
afterAll(() => redis.quit());

type Live = Awaited<ReturnType<typeof liveActivity>>;

async function setUp() {
  return liveActivity((p) => [{ probability: 1, stock: 100, prizes: [{ prizeId: p[0]! }] }], {
    overrides: { limits: { freeDrawsPerDay: 3 } },
  });
}

const token = (live: Live, userId: string, deviceId?: string) =>
  mintUserToken(
    live.tenant.userTokenSecret,
    { tenantSlug: live.tenant.slug, userId, ...(deviceId !== undefined ? { deviceId } : {}) },
    3600,
  );

const post = (activityId: string, jwt: string) =>
  callRoute(draw, {
    method: 'POST',
    headers: { ...bearer(jwt), 'idempotency-key': randomUUID() },
    params: { activityId },
  });

/** What a draw could have left behind: rows, the stream, the per-user state in Redis. */
async function traces(live: Live, userIds: string[]) {
  const k = drawKeys(live.activity.id);
  return {
    draws: await db.draw.count({ where: { activityId: live.activity.id } }),
    wins: await db.win.count({ where: { activityId: live.activity.id } }),
    stream: await redis.xlen(k.stream),
    stock: await redis.hgetall(k.stock),
    users: await Promise.all(userIds.map((u) => redis.hgetall(k.user(u)))),
  };
}

describe('user token claims', () => {
  it('a NUL in sub or dev is 401 before any draw: no Draw row, nothing in Redis, no chance used', async () => {
    const live = await setUp();
    const subs = ['ali\u0000ce', 'alice\u0000'];
    const before = await traces(live, [...subs, 'alice']);
    for (const sub of subs) {
      const res = await post(live.activity.id, await token(live, sub));
      expect(res.status, JSON.stringify(res.json)).toBe(401);
      expect(res.json.error.code).toBe('UNAUTHORIZED');
      expect(res.json.error.message).toMatch(/sub/);
    }
    const res = await post(live.activity.id, await token(live, 'alice', 'phone\u00001'));
    expect(res.status, JSON.stringify(res.json)).toBe(401);
    expect(res.json.error.message).toMatch(/dev/);
    expect(await traces(live, [...subs, 'alice'])).toEqual(before);

    // Alice with a clean device still has all her chances.
    const ok = await post(live.activity.id, await token(live, 'alice', 'phone-1'));
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json.chancesLeft).toBe(2);
    expect((await db.draw.findFirstOrThrow({ where: { activityId: live.activity.id } })).deviceId).toBe('phone-1');
  });

  it(
    'other controls, lone surrogates, surrounding white space and over-long ids in sub or dev are 401; ' +
      'nothing is drawn',
    async () => {
      const live = await setUp();
      const badIds = ['bob\u001b[2J', 'bob\u0085', 'bob\ud800', '\udc00bob', ' bob', 'bob\n', 'b'.repeat(129), ''];
      const before = await traces(live, ['bob']);
      for (const bad of badIds) {
        expect((await post(live.activity.id, await token(live, bad))).status, JSON.stringify(bad)).toBe(401);
        if (bad !== '')
          expect((await post(live.activity.id, await token(live, 'bob', bad))).status, JSON.stringify(bad)).toBe(401);
      }
      expect(await traces(live, ['bob'])).toEqual(before);
      // No device (absent or empty) is fine; 128 characters are fine.
      expect((await post(live.activity.id, await token(live, 'bob'))).status).toBe(200);
      expect((await post(live.activity.id, await token(live, 'b'.repeat(128), 'd'.repeat(128)))).status).toBe(200);
    },
  );

  it('a claim of the wrong type (acct as text, dev as a number) is 401, not ignored', async () => {
    const live = await setUp();
    const signed = (claims: Record<string, unknown>) =>
      new SignJWT({ tid: live.tenant.slug, ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('carol')
        .setExpirationTime(Math.floor(Date.now() / 1000) + 600)
        .sign(new TextEncoder().encode(live.tenant.userTokenSecret));
    for (const claims of [{ acct: '1700000000' }, { acct: -1 }, { acct: 1e300 }, { dev: 42 }, { dev: ['a'] }]) {
      expect((await post(live.activity.id, await signed(claims))).status, JSON.stringify(claims)).toBe(401);
    }
    expect(await db.draw.count({ where: { activityId: live.activity.id } })).toBe(0);
    expect((await post(live.activity.id, await signed({ acct: 1_700_000_000, dev: null }))).status).toBe(200);
  });

  it('an unknown tenant and a wrong signature get the same answer; a tid that cannot be stored is no 500', async () => {
    const live = await setUp();
    const forged = await mintUserToken('not-the-secret', { tenantSlug: live.tenant.slug, userId: 'dan' }, 600);
    const unknown = await mintUserToken(
      live.tenant.userTokenSecret,
      { tenantSlug: uniqueSlug('nobody'), userId: 'dan' },
      600,
    );
    const nul = await mintUserToken(
      live.tenant.userTokenSecret,
      { tenantSlug: `${live.tenant.slug}\u0000`, userId: 'dan' },
      600,
    );
    const answers = await Promise.all([forged, unknown, nul].map((jwt) => post(live.activity.id, jwt)));
    for (const a of answers) expect(a.status).toBe(401);
    expect(new Set(answers.map((a) => JSON.stringify(a.json))).size).toBe(1);
    expect(answers[0]!.json.error.message).not.toMatch(/tenant/i);
  });
});

describe('signed events', () => {
  it('an unknown X-Tenant and a wrong signature get the same answer', async () => {
    const live = await setUp();
    const raw = JSON.stringify({
      eventId: randomUUID(),
      userId: 'amy',
      type: 'post_created',
      occurredAt: new Date().toISOString(),
    });
    const ts = Math.floor(Date.now() / 1000);
    const send = (tenant: string, secret: string) =>
      callRoute(events, {
        method: 'POST',
        body: raw,
        headers: {
          'content-type': 'application/json',
          'x-tenant': tenant,
          'x-timestamp': String(ts),
          'x-signature': signEventBody(secret, ts, raw),
        },
      });
    const answers = [
      await send(live.tenant.slug, 'not-the-secret'),
      await send(uniqueSlug('nobody'), live.tenant.webhookSecret),
      await send(`${live.tenant.slug}\u0085`, live.tenant.webhookSecret),
    ];
    for (const a of answers) expect(a.status).toBe(401);
    expect(new Set(answers.map((a) => JSON.stringify(a.json))).size).toBe(1);
    expect(await db.externalEvent.count({ where: { tenantId: live.tenant.id } })).toBe(0);
  });
});
