import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { simulatePicks, type CompiledTier } from '@/lib/draw/simulate-picks';
import { requestRedis } from '@/lib/redis';
import { endUser, liveActivity } from '../helpers/activities';

describe('the simulator', () => {
  it('runs the draw’s own picker: the same random integers give the same outcomes, stock rule included', async () => {
    // Tier 1: 30 % with 3 wins of a bundle; tier 2: 20 % with ample stock; 50 % no win.
    const { tenant, activity } = await liveActivity(
      (p) => [
        { probability: 0.3, stock: 3, prizes: [{ prizeId: p[0]! }, { prizeId: p[1]!, quantity: 2 }] },
        { probability: 0.2, stock: 100, prizes: [{ prizeId: p[0]! }] },
      ],
      { stocks: [200, 6] },
    );
    const redis = await requestRedis();
    const k = drawKeys(activity.id);
    const tiers = JSON.parse((await redis.hget(k.cfg, 'tiers'))!) as CompiledTier[];
    const stockBefore = Object.fromEntries(
      Object.entries(await redis.hgetall(k.stock)).map(([f, v]) => [f, Number(v)]),
    );

    // Randoms that hit every branch: tier 1 six times (the last three out of stock), tier 2, no win, edges.
    const randoms = [0, 299_999, 300_000, 499_999, 500_000, 999_999, 100, 200, 250_000, 123_456];
    const simulated = await simulatePicks(redis, { tiers, stock: stockBefore, draws: randoms });

    const real = [];
    for (const [i, r] of randoms.entries()) {
      const body = await executeDraw(endUser(tenant, `sim-${i}`), activity.id, randomUUID(), { random: () => r });
      real.push(body.tier ? activity.tiers.findIndex((t) => t.id === body.tier!.id) : null);
    }
    expect(simulated.outcomes.map((o) => o.tier)).toEqual(real);
    expect(real.filter((t) => t === 0)).toHaveLength(3);
    expect(simulated.outcomes.filter((o) => o.outOfStock)).toHaveLength(3);
    const stockAfter = Object.fromEntries(Object.entries(await redis.hgetall(k.stock)).map(([f, v]) => [f, Number(v)]));
    expect(simulated.stockLeft).toEqual(stockAfter);
  });

  it('works through many draws in batches without touching any key', async () => {
    const redis = await requestRedis();
    const tiers: CompiledTier[] = [{ id: 'a', p: 100_000, prizes: [['x', 1]] }];
    const { outcomes, stockLeft } = await simulatePicks(redis, {
      tiers,
      stock: { 't:a': 10_000, 'p:x': 10_000 },
      draws: 20_000,
    });
    const wins = outcomes.filter((o) => o.tier === 0).length;
    expect(outcomes).toHaveLength(20_000);
    expect(wins).toBeGreaterThan(1_500);
    expect(wins).toBeLessThan(2_500);
    expect(stockLeft).toEqual({ 't:a': 10_000 - wins, 'p:x': 10_000 - wins });
  });
});
