// Odds that move, through the real draw with an injected clock:
// time segments switch a tier's odds exactly at the boundary of the activity's local hour,
// and even pacing keeps a tier under its release line all period long yet spends its stock.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ActivitySpec } from '@/lib/activities/schemas';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { requestRedis } from '@/lib/redis';
import { endUser, liveActivity, specFor } from '../helpers/activities';
import { chiSquare, chiSquarePValue } from '../helpers/stats';

const HOUR = 3600_000;

/** Wins of tier 0 among `n` draws at time `at`, by `n` users each drawing once. */
async function winsAt(
  tenant: { id: string; slug: string },
  activityId: string,
  tierId: string,
  at: number,
  n: number,
  prefix: string,
) {
  let wins = 0;
  for (let i = 0; i < n; i += 100) {
    const bodies = await Promise.all(
      Array.from({ length: Math.min(100, n - i) }, (_, j) =>
        executeDraw(endUser(tenant, `${prefix}${i + j}`), activityId, randomUUID(), { now: at }),
      ),
    );
    wins += bodies.filter((b) => b.tier?.id === tierId).length;
  }
  return wins;
}

const fits = (wins: number, n: number, p: number) =>
  chiSquarePValue(chiSquare([wins, n - wins], [n * p, n * (1 - p)]), 1);

describe('time segments', () => {
  it('switch the odds exactly at the local hour boundary (chi-square on each side)', async () => {
    // 20:00 in Shanghai (UTC+8) today is 12:00 UTC; from then until 22:00 the tier pays 0.6, else 0.1.
    const today = new Date();
    const boundary = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 12);
    const { tenant, activity } = await liveActivity(
      (p) => [
        {
          probability: 0.1,
          stock: 100_000,
          prizes: [{ prizeId: p[0]! }],
          segments: [{ fromHour: 20, toHour: 22, probability: 0.6 }],
        },
      ],
      {
        stocks: [100_000],
        overrides: {
          startsAt: new Date(boundary - 48 * HOUR).toISOString(),
          endsAt: new Date(boundary + 48 * HOUR).toISOString(),
        },
      },
    );
    const tierId = activity.tiers[0]!.id;
    const N = 2_000;
    const before = await winsAt(tenant, activity.id, tierId, boundary - 1, N, 'before');
    const after = await winsAt(tenant, activity.id, tierId, boundary, N, 'after');
    const afterEnd = await winsAt(tenant, activity.id, tierId, boundary + 2 * HOUR, N, 'later');
    expect(fits(before, N, 0.1)).toBeGreaterThan(0.001);
    expect(fits(after, N, 0.6)).toBeGreaterThan(0.001);
    expect(fits(afterEnd, N, 0.1)).toBeGreaterThan(0.001);
    // The test can fail: each side is far from the other side's odds.
    expect(fits(before, N, 0.6)).toBeLessThan(0.001);
    expect(fits(after, N, 0.1)).toBeLessThan(0.001);
    expect(activity.tiers[0]).toMatchObject({ segments: [{ fromHour: 20, toHour: 22, probability: 0.6 }] });
  });

  it('are refused when the odds would add up to more than 1 at some hour, naming when', () => {
    const prizeId = randomUUID();
    const spec = specFor([
      { probability: 0.5, stock: 1, prizes: [{ prizeId }], segments: [{ fromHour: 22, toHour: 2, probability: 0.7 }] },
      { probability: 0.4, stock: 1, prizes: [{ prizeId: randomUUID() }] },
    ]);
    const result = ActivitySpec.safeParse(spec);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/add up to 1.1 at 00:00/);
    const fine = ActivitySpec.safeParse(
      specFor([
        {
          probability: 0.5,
          stock: 1,
          prizes: [{ prizeId }],
          segments: [{ fromHour: 22, toHour: 2, probability: 0.6 }],
        },
        { probability: 0.4, stock: 1, prizes: [{ prizeId: randomUUID() }] },
      ]),
    );
    expect(fine.success).toBe(true);
  });
});

describe('even pacing', () => {
  it('keeps issued under stock × elapsed / period (+ burst) at every checkpoint, and spends the stock by the end', async () => {
    const startsAt = Date.now() - 1_000;
    const period = 10 * HOUR;
    const stock = 100;
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock, prizes: [{ prizeId: p[0]! }], pacing: 'even' }],
      {
        stocks: [stock],
        overrides: { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + period).toISOString() },
      },
    );
    const tierId = activity.tiers[0]!.id;
    const redis = await requestRedis();
    const burst = 1;
    const checkpoints = 100;
    const overLine: string[] = [];
    let issued = 0;
    for (let c = 0; c < checkpoints; c++) {
      const at = startsAt + Math.floor(((c + 0.5) * period) / checkpoints);
      // Heavy traffic: far more would win than the line allows.
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          executeDraw(endUser(tenant, `p${c}-${j}`), activity.id, randomUUID(), { now: at }),
        ),
      );
      issued = Number(await redis.hget(drawKeys(activity.id).issued, `t:${tierId}`));
      const line = Math.floor((stock * (at - startsAt)) / period) + burst;
      if (issued > line) overLine.push(`checkpoint ${c}: ${issued} issued over the line ${line}`);
    }
    expect(overLine).toEqual([]);
    expect(issued).toBeGreaterThanOrEqual(stock - 2);

    // Without pacing the same traffic spends the stock in the first checkpoints: the test can fail.
    const unpaced = await liveActivity((p) => [{ probability: 0.5, stock, prizes: [{ prizeId: p[0]! }] }], {
      stocks: [stock],
      overrides: { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + period).toISOString() },
    });
    const early = startsAt + period / checkpoints;
    await Promise.all(
      Array.from({ length: 60 }, (_, j) =>
        executeDraw(endUser(unpaced.tenant, `q${j}`), unpaced.activity.id, randomUUID(), { now: early }),
      ),
    );
    expect(
      Number(await redis.hget(drawKeys(unpaced.activity.id).issued, `t:${unpaced.activity.tiers[0]!.id}`)),
    ).toBeGreaterThan(2 + burst);
  });
});
