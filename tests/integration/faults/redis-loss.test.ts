// Redis loses everything mid-run (killed -9 and restarted without persistence, on a private
// redis-server): draws answer 503 (SERVICE_UNAVAILABLE while it is down, ACTIVITY_REBUILDING
// until the activity is rebuilt from PostgreSQL), then go on by themselves; never more wins than
// stock, and Redis agrees with the records afterwards.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisServer } from '../../helpers/redis-server';

const redisServer = await RedisServer.start('none');
// lib/config reads the environment once, at the first import below.
process.env.REDIS_URL = redisServer.url;

const { db } = await import('@/lib/db');
const { activityMeta } = await import('@/lib/draw/activity-state');
const { commitDraws } = await import('@/lib/draw/commit-draws');
const { drainDrawLog } = await import('@/lib/draw/drain-draw-log');
const { toDrawRows } = await import('@/lib/draw/draw-record');
const { localDay } = await import('@/lib/draw/local-day');
const { rebuildActivityState } = await import('@/lib/draw/rebuild-activity');
const { decideDraw, executeDraw } = await import('@/lib/draw/execute-draw');
const { drawKeys } = await import('@/lib/draw/keys');
const { toErrorBody } = await import('@/lib/errors');
const { createRedis, requestRedis } = await import('@/lib/redis');
const { waitFor } = await import('../../helpers/workers');
const { endUser, liveActivity } = await import('../../helpers/activities');
const { bearer, callRoute } = await import('../../helpers/fixtures');
const { GET: me } = await import('@/app/api/v1/activities/[activityId]/me/route');
const { claimWin } = await import('@/lib/fulfilment/claim-win');

const redis = createRedis('worker');
// Refused connections while the server is down are expected; ioredis reconnects by itself.
redis.on('error', () => undefined);
afterAll(async () => {
  redis.disconnect();
  await redisServer.cleanup();
});

/** Everything gone at once, as a crash of a Redis without persistence does it. */
async function loseEverything() {
  await redisServer.kill();
  await redisServer.restart();
  // The request connection reconnects by itself (it backs off up to 2 s); the next steps need it.
  const request = await requestRedis();
  await waitFor(
    async () => request.status,
    (s) => s === 'ready',
    10_000,
  );
}

describe('Redis state lost mid-run', () => {
  it('fences with 503, rebuilds from PostgreSQL, resumes, and never over-issues', async () => {
    const STOCK = 300;
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 0.2, stock: STOCK, prizes: [{ prizeId: p[0]! }] }],
      {
        stocks: [STOCK],
        overrides: { limits: { freeDrawsPerDay: 1_000, maxDrawsPerDay: 1_000 } },
      },
    );
    const outcomes = { ok: 0, rebuilding: 0, okAfterRebuilding: 0, other: [] as string[] };
    const retriedKeys: { userId: string; key: string; first?: string }[] = [];
    let flushed = false;
    let stop = false;
    const drawer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const userId = `u${w}`;
        const key = randomUUID();
        try {
          await executeDraw(endUser(tenant, userId), activity.id, key);
          outcomes.ok++;
          if (outcomes.rebuilding > 0) outcomes.okAfterRebuilding++;
        } catch (err) {
          const { status, body } = toErrorBody(err);
          const code = body.error.code;
          if (status === 503) {
            outcomes.rebuilding++;
            retriedKeys.push({ userId, key });
            await sleep(50);
          } else outcomes.other.push(code);
        }
        if (flushed && outcomes.okAfterRebuilding > 300) stop = true;
      }
    };
    const drawers = Array.from({ length: 20 }, (_, w) => drawer(w));
    await sleep(700);
    await loseEverything();
    flushed = true;
    const deadline = setTimeout(() => (stop = true), 60_000);
    await Promise.all(drawers);
    clearTimeout(deadline);

    expect(outcomes.other).toEqual([]);
    expect(outcomes.rebuilding).toBeGreaterThan(0);
    expect(outcomes.okAfterRebuilding).toBeGreaterThan(300);
    // A key refused with 503 is retried and gets exactly one draw.
    const retry = retriedKeys[0]!;
    const first = await executeDraw(endUser(tenant, retry.userId), activity.id, retry.key);
    const again = await executeDraw(endUser(tenant, retry.userId), activity.id, retry.key);
    expect(again).toEqual(first);

    await drainDrawLog(redis, activity.id);
    const prizeId = prizes[0]!.id;
    const wins = await db.win.count({ where: { activityId: activity.id } });
    expect(wins).toBeLessThanOrEqual(STOCK);
    expect(Number(await redis.hget(drawKeys(activity.id).issued, `p:${prizeId}`))).toBe(wins);
    expect(Number(await redis.hget(drawKeys(activity.id).stock, `p:${prizeId}`))).toBe(STOCK - wins);
    const perUser = await db.draw.groupBy({
      by: ['userId'],
      where: { activityId: activity.id },
      _count: { _all: true },
    });
    for (const u of perUser)
      expect(Number(await redis.hget(drawKeys(activity.id).user(u.userId), 'total'))).toBe(u._count._all);
  });
});

describe('a draw decided by a state that was then lost', () => {
  it('is never written after the rebuild, so its unit cannot be issued twice', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 1, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [1] },
    );
    const meta = (await activityMeta(redis, activity.id))!;
    const now = Date.now();
    const late = await decideDraw({
      redis,
      activityId: activity.id,
      meta,
      user: endUser(tenant, 'slow'),
      key: randomUUID(),
      day: localDay(meta.timezone, now),
      now,
    });
    expect(late).toMatchObject({ kind: 'ok', record: { t: activity.tiers[0]!.id } });
    // Redis loses everything before that draw's commit lands; the activity is rebuilt.
    await loseEverything();
    expect(await rebuildActivityState(redis, activity.id, { graceMs: 0 })).toBe('rebuilt');
    // The one unit is free again in the rebuilt state, and someone else wins it...
    const fresh = await executeDraw(endUser(tenant, 'fast'), activity.id, randomUUID());
    expect(fresh.outcome).toBe('win');
    // ...so the late commit must be refused, not written.
    if (late.kind === 'error') throw new Error('unreachable');
    const { inserted } = await commitDraws([toDrawRows(late.record, tenant.id, activity.id, meta.view)]);
    expect(inserted.size).toBe(0);
    expect(await db.draw.findUnique({ where: { id: late.record.d } })).toBeNull();
    expect(await db.win.count({ where: { activityId: activity.id } })).toBe(1);
  });
});

describe("a user's page after the loss", () => {
  it('GET /me shows the wins from PostgreSQL, and a claim made after the loss on the next call', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 5, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { claimWindowHours: 48 } },
    );
    const user = endUser(tenant, 'page');
    const token = await tenant.userToken('page');
    const wins = async () => {
      const res = await callRoute(me, { headers: bearer(token), params: { activityId: activity.id } });
      expect(res.status, res.text).toBe(200);
      return (res.json.wins as { id: string; status: string }[]).map((w) => [w.id, w.status]);
    };
    const win = (await executeDraw(user, activity.id, randomUUID())).winIds[0]!;
    expect(await wins()).toEqual([[win, 'AWAITING_CLAIM']]);
    // Keys and loaded scripts are gone: the page's reads and the claim's forgetting load theirs again.
    await loseEverything();
    expect(await wins()).toEqual([[win, 'AWAITING_CLAIM']]);
    await claimWin(user, win, { name: 'Li Lei', phone: '+86 138 0000 0000', address: '1 Century Avenue, Shanghai' });
    expect(await wins()).toEqual([[win, 'CLAIMED']]);
  });
});
