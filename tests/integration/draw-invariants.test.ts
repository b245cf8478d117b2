// The draw's invariants (docs/draw.md) under concurrency, against real PostgreSQL and Redis.
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivity } from '@/lib/activities/create-activity';
import { publishActivity } from '@/lib/activities/publish-activity';
import { db } from '@/lib/db';
import { drainDrawLog } from '@/lib/draw/drain-draw-log';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import type { AppError } from '@/lib/errors';
import { createRedis } from '@/lib/redis';
import { createPrizes, endUser, liveActivity, specFor, testActor } from '../helpers/activities';
import { freshTenant } from '../helpers/fixtures';
import { chiSquare, chiSquarePValue } from '../helpers/stats';

const redis = createRedis('worker');
afterAll(() => redis.quit());

async function ledgerReconciles(activityId: string) {
  const pools = await db.activityStock.findMany({ where: { activityId } });
  for (const pool of pools) {
    const m = await db.stockMovement.aggregate({
      where: { activityId, prizeId: pool.prizeId },
      _sum: { activityDelta: true, returnedDelta: true },
    });
    expect(m._sum.activityDelta ?? 0).toBe(pool.reserved);
    expect(m._sum.returnedDelta ?? 0).toBe(pool.returned);
    const prize = await db.prize.findUniqueOrThrow({ where: { id: pool.prizeId } });
    const all = await db.stockMovement.aggregate({ where: { prizeId: pool.prizeId }, _sum: { poolDelta: true } });
    expect(all._sum.poolDelta ?? 0).toBe(prize.availableStock);
  }
}

describe('the draw engine', () => {
  it('never issues more wins than stock: 5,000 concurrent draws by 5,000 users, p = 0.5, stock 100', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [100] },
    );
    const results = await Promise.allSettled(
      Array.from({ length: 5_000 }, (_, i) => executeDraw(endUser(tenant, `u${i}`), activity.id, randomUUID())),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const wins = results.filter((r) => r.status === 'fulfilled' && r.value.outcome === 'win').length;
    expect(wins).toBe(100);
    await drainDrawLog(redis, activity.id);
    const prizeId = prizes[0]!.id;
    expect(await db.win.count({ where: { activityId: activity.id } })).toBe(100);
    expect(Number(await redis.hget(drawKeys(activity.id).issued, `p:${prizeId}`))).toBe(100);
    expect(Number(await redis.hget(drawKeys(activity.id).stock, `p:${prizeId}`))).toBe(0);
    expect((await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } })).issued).toBe(100);
    expect((await db.tier.findFirstOrThrow({ where: { activityId: activity.id } })).issued).toBe(100);
    expect(await db.draw.count({ where: { activityId: activity.id } })).toBe(5_000);
    await ledgerReconciles(activity.id);
  });

  it('awards a bundle all or nothing: prize A ×1 with B ×2, B scarcer, never A without B', async () => {
    const t = await freshTenant();
    const [a, b] = await createPrizes(t.id, [100, 100]);
    // Another tier takes B too, so B runs out while the bundle tier still has stock.
    const draft = await createActivity(
      t.id,
      testActor,
      specFor(
        [
          { probability: 0.4, stock: 100, prizes: [{ prizeId: a!.id }, { prizeId: b!.id, quantity: 2 }] },
          { probability: 0.4, stock: 100, prizes: [{ prizeId: b!.id, quantity: 1 }] },
        ],
        { limits: { freeDrawsPerDay: 1 } },
      ),
    );
    // Reserve B's pool at 2×100 + 100 = 300 > 100 available: publishing must refuse, naming B.
    await expect(publishActivity(t.id, testActor, draft.id)).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: { prizeId: b!.id },
    });
    expect(await db.activityStock.count({ where: { activityId: draft.id } })).toBe(0);
    expect((await db.prize.findUniqueOrThrow({ where: { id: a!.id } })).availableStock).toBe(100);

    // A feasible version: B's pool (60) is smaller than the bundle tier could use.
    const t2 = await freshTenant();
    const [a2, b2] = await createPrizes(t2.id, [100, 60]);
    const d2 = await createActivity(
      t2.id,
      testActor,
      specFor([
        { probability: 0.5, stock: 20, prizes: [{ prizeId: a2!.id }, { prizeId: b2!.id, quantity: 2 }] },
        { probability: 0.5, stock: 20, prizes: [{ prizeId: b2!.id, quantity: 1 }] },
      ]),
    );
    await publishActivity(t2.id, testActor, d2.id);
    const bodies = await Promise.all(
      Array.from({ length: 400 }, (_, i) => executeDraw(endUser(t2, `u${i}`), d2.id, randomUUID())),
    );
    for (const body of bodies) {
      const ids = body.prizes.map((p) => p.prizeId);
      if (ids.includes(a2!.id))
        expect(body.prizes).toContainEqual(expect.objectContaining({ prizeId: b2!.id, quantity: 2 }));
    }
    await drainDrawLog(redis, d2.id);
    const aWins = await db.win.count({ where: { activityId: d2.id, prizeId: a2!.id } });
    const bBundleWins = await db.win.count({ where: { activityId: d2.id, prizeId: b2!.id, quantity: 2 } });
    expect(aWins).toBe(bBundleWins);
    const bUnits = await db.win.aggregate({ where: { activityId: d2.id, prizeId: b2!.id }, _sum: { quantity: true } });
    expect(bUnits._sum.quantity).toBeLessThanOrEqual(60);
    await ledgerReconciles(d2.id);
  });

  it('keeps one Idempotency-Key to one draw: 50 concurrent requests, identical bodies, one chance used', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 3 } } },
    );
    const key = randomUUID();
    const bodies = await Promise.all(
      Array.from({ length: 50 }, () => executeDraw(endUser(tenant, 'alice'), activity.id, key)),
    );
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0]!.chancesLeft).toBe(2);
    expect(await db.draw.count({ where: { activityId: activity.id, userId: 'alice' } })).toBe(1);
    const other = await executeDraw(endUser(tenant, 'bob'), activity.id, key);
    expect(other.drawId).not.toBe(bodies[0]!.drawId);
    const next = await executeDraw(endUser(tenant, 'alice'), activity.id, randomUUID());
    expect(next.chancesLeft).toBe(1);
  });

  it('holds maxWinsPerUser under 200 concurrent draws by one user', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.9, stock: 500, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 200, maxWinsPerUser: 3 } } },
    );
    const bodies = await Promise.all(
      Array.from({ length: 200 }, () => executeDraw(endUser(tenant, 'greedy'), activity.id, randomUUID())),
    );
    expect(bodies.filter((b) => b.outcome === 'win')).toHaveLength(3);
    expect(await db.draw.count({ where: { activityId: activity.id, userId: 'greedy', outcome: 'WIN' } })).toBe(3);
  });

  it('resets free draws at the activity-local midnight, not UTC midnight', async () => {
    // Asia/Shanghai is UTC+8: its midnight is 16:00 UTC.
    const start = Date.UTC(2030, 0, 10, 0, 0, 0);
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0, stock: 1, prizes: [{ prizeId: p[0]! }] }],
      {
        overrides: {
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 7 * 86400_000).toISOString(),
          limits: { freeDrawsPerDay: 1 },
        },
      },
    );
    const user = endUser(tenant, 'night-owl');
    const at = (h: number, m = 0) => Date.UTC(2030, 0, 10, h, m);
    await executeDraw(user, activity.id, randomUUID(), { now: at(15, 0) });
    await expect(executeDraw(user, activity.id, randomUUID(), { now: at(15, 59) })).rejects.toMatchObject({
      code: 'NO_CHANCES',
    });
    const after = await executeDraw(user, activity.id, randomUUID(), { now: at(16, 0) });
    expect(after.outcome).toBe('lose');
    await expect(executeDraw(user, activity.id, randomUUID(), { now: at(23, 59) })).rejects.toMatchObject({
      code: 'NO_CHANCES',
    });
  });

  it('lets 20 activities race for one prize pool without ever over-reserving', async () => {
    const t = await freshTenant();
    const [prize] = await createPrizes(t.id, [1_000]);
    const drafts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createActivity(
          t.id,
          testActor,
          specFor([{ probability: 0.1, stock: 70 + i, prizes: [{ prizeId: prize!.id }] }]),
        ),
      ),
    );
    const results = await Promise.allSettled(drafts.map((d) => publishActivity(t.id, testActor, d.id)));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('INSUFFICIENT_STOCK');
    const pools = await db.activityStock.findMany({ where: { prizeId: prize!.id } });
    expect(pools).toHaveLength(ok);
    const reserved = pools.reduce((s, p) => s + p.reserved, 0);
    const available = (await db.prize.findUniqueOrThrow({ where: { id: prize!.id } })).availableStock;
    expect(reserved + available).toBe(1_000);
    expect(available).toBeGreaterThanOrEqual(0);
    expect(ok).toBeGreaterThanOrEqual(12); // 12 × ~75 fit in 1,000; the greedy order may fit one more
    // Failed publishes left nothing: still drafts, no pool, no ledger row.
    for (const [i, r] of results.entries()) {
      if (r.status === 'rejected') {
        expect((await db.activity.findUniqueOrThrow({ where: { id: drafts[i]!.id } })).status).toBe('DRAFT');
        expect(await db.stockMovement.count({ where: { activityId: drafts[i]!.id } })).toBe(0);
      }
    }
    const ledger = await db.stockMovement.aggregate({ where: { prizeId: prize!.id }, _sum: { poolDelta: true } });
    expect(ledger._sum.poolDelta).toBe(available);
  });

  it('matches the configured odds over 100,000 draws (chi-square), and the test catches a biased picker', async () => {
    const tiers = [0.01, 0.05, 0.1];
    const run = async (N: number, random?: () => number) => {
      const { tenant, activity } = await liveActivity(
        (p) => tiers.map((probability) => ({ probability, stock: 100_000, prizes: [{ prizeId: p[0]! }] })),
        {
          stocks: [400_000],
          overrides: { limits: { freeDrawsPerDay: 1_000 } },
        },
      );
      const counts = new Map<string, number>();
      const concurrency = 250;
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < N) {
            const i = next++;
            const body = await executeDraw(
              endUser(tenant, `u${i % 100}`),
              activity.id,
              randomUUID(),
              random ? { random } : {},
            );
            const k = body.tier?.id ?? 'none';
            counts.set(k, (counts.get(k) ?? 0) + 1);
          }
        }),
      );
      const observed = [...activity.tiers.map((t) => counts.get(t.id) ?? 0), counts.get('none') ?? 0];
      const p = [...tiers, 1 - tiers.reduce((a, b) => a + b, 0)];
      return chiSquarePValue(
        chiSquare(
          observed,
          p.map((x) => x * N),
        ),
        p.length - 1,
      );
    };
    expect(await run(100_000)).toBeGreaterThan(0.001);
    // Modulo bias, the classic mistake: 2^20 values folded onto 10^6 favour the low numbers
    // (tier 1 is drawn about twice as often); 30,000 draws are plenty to see it.
    expect(await run(30_000, () => randomInt(0, 2 ** 20) % 1_000_000)).toBeLessThan(0.001);
  }, 180_000);
});
