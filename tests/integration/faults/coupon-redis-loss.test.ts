// Coupon codes across a Redis loss (killed -9 and restarted empty, on a private redis-server): the
// activity is rebuilt from PostgreSQL, and no code is ever issued twice, neither one a committed
// win holds nor one a draw of the lost state took but never committed.
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
const { createActivity } = await import('@/lib/activities/create-activity');
const { publishActivity } = await import('@/lib/activities/publish-activity');
const { createPrize } = await import('@/lib/prizes/create-prize');
const { addPrizeCodes } = await import('@/lib/prizes/add-prize-codes');
const { patchTierOrPropose } = await import('@/lib/activities/patch-tier-or-propose');
const { reconcileActivity } = await import('@/lib/inventory/reconcile-activity');
const { waitFor } = await import('../../helpers/workers');
const { endUser, specFor, testActor } = await import('../../helpers/activities');
const { freshTenant } = await import('../../helpers/fixtures');

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
  const request = await requestRedis();
  await waitFor(
    async () => request.status,
    (s) => s === 'ready',
    10_000,
  );
}

async function couponActivity(codes: number, probability: number) {
  const t = await freshTenant();
  const prize = await createPrize(t.id, testActor, { name: 'Coupon', kind: 'coupon', stock: 0 });
  const list = Array.from({ length: codes }, (_, i) => `LOSS-${i}-${randomUUID().slice(0, 8)}`);
  await addPrizeCodes(t.id, testActor, prize.id, { codes: list });
  const spec = specFor([{ probability, stock: codes, prizes: [{ prizeId: prize.id }] }], {
    limits: { freeDrawsPerDay: 1_000, maxDrawsPerDay: 1_000 },
  });
  const draft = await createActivity(t.id, testActor, spec);
  const activity = await publishActivity(t.id, testActor, draft.id);
  return { tenant: t, prize, activity, codes: list };
}

/** Every code is held by at most one win, and what Redis still hands out is held by none. */
async function noCodeIssuedTwice(activityId: string, prizeId: string, shown: Map<string, string>) {
  const rows = await db.couponCode.findMany({ where: { prizeId }, select: { code: true, winId: true } });
  const holder = new Map(rows.map((r) => [r.code, r.winId]));
  // Every code a user was shown is recorded with exactly the win that showed it.
  for (const [code, winId] of shown) expect(holder.get(code)).toBe(winId);
  const wins = await db.win.findMany({ where: { activityId }, select: { id: true } });
  expect(rows.filter((r) => r.winId !== null)).toHaveLength(wins.length);
  const left = await redis.lrange(drawKeys(activityId).codes(prizeId), 0, -1);
  expect(new Set(left).size).toBe(left.length);
  for (const code of left) expect(holder.get(code)).toBeNull();
  expect(Number(await redis.hget(drawKeys(activityId).stock, `p:${prizeId}`))).toBe(left.length);
}

describe('coupon codes when Redis loses everything mid-run', () => {
  it('rebuilds the code lists from PostgreSQL and never issues a code twice', async () => {
    const { tenant, prize, activity } = await couponActivity(300, 0.3);
    const shown = new Map<string, string>();
    const repeats: string[] = [];
    const other: string[] = [];
    let lost = false;
    let afterLoss = 0;
    let stop = false;
    const drawer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const body = await executeDraw(endUser(tenant, `u${w}`), activity.id, randomUUID());
          for (const p of body.prizes)
            for (const code of p.codes ?? []) {
              if (shown.has(code)) repeats.push(code);
              shown.set(code, body.winIds[0]!);
            }
          if (lost) afterLoss++;
        } catch (err) {
          const { status, body } = toErrorBody(err);
          if (status === 503) await sleep(50);
          else other.push(body.error.code);
        }
        if (lost && afterLoss > 300) stop = true;
      }
    };
    const drawers = Array.from({ length: 20 }, (_, w) => drawer(w));
    await sleep(500);
    await loseEverything();
    lost = true;
    const deadline = setTimeout(() => (stop = true), 60_000);
    await Promise.all(drawers);
    clearTimeout(deadline);

    expect(other).toEqual([]);
    expect(afterLoss).toBeGreaterThan(300);
    expect(repeats).toEqual([]);
    expect(shown.size).toBeGreaterThan(0);
    await drainDrawLog(redis, activity.id);
    await noCodeIssuedTwice(activity.id, prize.id, shown);
  });

  it('a code taken by a draw of the lost state is free again after the rebuild, and that draw never commits', async () => {
    const { tenant, prize, activity } = await couponActivity(2, 1);
    // One draw commits before the loss: its replay after the rebuild answers the same code.
    const committed = await executeDraw(endUser(tenant, 'early'), activity.id, 'early-key');
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
    if (late.kind !== 'ok') throw new Error(`expected a draw, got ${JSON.stringify(late)}`);
    const [code] = late.record.cd![prize.id]!;
    // Redis loses everything before that draw's commit lands; the activity is rebuilt.
    await loseEverything();
    expect(await rebuildActivityState(redis, activity.id, { graceMs: 0 })).toBe('rebuilt');
    expect(await executeDraw(endUser(tenant, 'early'), activity.id, 'early-key')).toEqual(committed);
    const fresh = await executeDraw(endUser(tenant, 'fast'), activity.id, randomUUID());
    expect(fresh.prizes[0]!.codes).toEqual([code]);
    expect(committed.prizes[0]!.codes).not.toEqual([code]);
    const { inserted } = await commitDraws([toDrawRows(late.record, tenant.id, activity.id, meta.view)]);
    expect(inserted.size).toBe(0);
    const shown = new Map([
      [code!, fresh.winIds[0]!],
      [committed.prizes[0]!.codes![0]!, committed.winIds[0]!],
    ]);
    await noCodeIssuedTwice(activity.id, prize.id, shown);
  });

  it('codes added live are in the rebuilt state, also when added while the state is gone; none issued twice', async () => {
    const { tenant, prize, activity, codes } = await couponActivity(5, 1);
    const before = Array.from({ length: 5 }, (_, i) => `BEFORE-${i}-${randomUUID().slice(0, 8)}`);
    const during = Array.from({ length: 5 }, (_, i) => `DURING-${i}-${randomUUID().slice(0, 8)}`);
    const early = await executeDraw(endUser(tenant, 'early'), activity.id, randomUUID());
    expect(await addPrizeCodes(tenant.id, testActor, prize.id, { codes: before })).toMatchObject({
      activityId: activity.id,
    });
    await loseEverything();
    // No state to append to: the call rebuilds it from PostgreSQL, which holds these codes already.
    expect(await addPrizeCodes(tenant.id, testActor, prize.id, { codes: during })).toMatchObject({
      activityId: activity.id,
    });
    const k = drawKeys(activity.id);
    expect(await redis.llen(k.codes(prize.id))).toBe(14);
    const tierId = (await db.tier.findFirstOrThrow({ where: { activityId: activity.id } })).id;
    await patchTierOrPropose(tenant.id, testActor, { activityId: activity.id, tierId, patch: { stock: 15 } });

    const shown = new Map<string, string>([[early.prizes[0]!.codes![0]!, early.winIds[0]!]]);
    for (let i = 0; i < 16; i++) {
      const body = await executeDraw(endUser(tenant, `u${i}`), activity.id, randomUUID());
      for (const code of body.prizes.flatMap((p) => p.codes ?? [])) {
        expect(shown.has(code)).toBe(false);
        shown.set(code, body.winIds[0]!);
      }
    }
    expect(new Set(shown.keys())).toEqual(new Set([...codes, ...before, ...during]));
    await drainDrawLog(redis, activity.id);
    await noCodeIssuedTwice(activity.id, prize.id, shown);
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });
});
