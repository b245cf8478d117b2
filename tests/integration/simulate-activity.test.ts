// The console's simulator: N draws over the period through the draw's own picker. Win counts
// follow the odds and stop at the tier stock, a tier with little stock runs out exactly when
// its last win is drawn, the prize cost is wins × Σ value × quantity, and another tenant's
// activity is not found. A population of users meets the activity's per-user limits, and an
// evenly paced tier wins no faster than its release line.
import { describe, expect, it } from 'vitest';
import { createActivity } from '@/lib/activities/create-activity';
import type { ActivitySpec } from '@/lib/activities/schemas';
import { SimulationInput, simulateActivity, spreadOverHours } from '@/lib/activities/simulate-activity';
import { createPrize } from '@/lib/prizes/create-prize';
import { loadLuaScript, requestRedis } from '@/lib/redis';
import { freshTenant } from '../helpers/fixtures';
import { specFor, testActor } from '../helpers/activities';

const HOUR = 3_600_000;
const start = Date.parse('2027-01-20T00:00:00Z');

async function draftWithThreeTiers() {
  const tenant = await freshTenant();
  const speaker = await createPrize(tenant.id, testActor, {
    name: 'Speaker',
    kind: 'physical',
    value: 299.5,
    stock: 10,
  });
  const bag = await createPrize(tenant.id, testActor, { name: 'Bag', kind: 'physical', value: 20, stock: 100_000 });
  const coupon = await createPrize(tenant.id, testActor, {
    name: 'Coupon',
    kind: 'coupon',
    value: 1.25,
    stock: 1_000_000,
  });
  const spec = specFor(
    [
      { name: 'First', probability: 0.2, stock: 100_000, prizes: [{ prizeId: coupon.id }] },
      {
        name: 'Second',
        probability: 0.05,
        stock: 30,
        prizes: [{ prizeId: bag.id }, { prizeId: coupon.id, quantity: 2 }],
      },
      { name: 'Third', probability: 0.001, stock: 5, prizes: [{ prizeId: speaker.id }] },
    ],
    { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 100 * HOUR).toISOString(), timezone: 'UTC' },
  );
  const activity = await createActivity(tenant.id, testActor, spec);
  return { tenant, activity };
}

describe('simulateActivity', () => {
  it('stops a tier at its stock and dates its depletion at the draw that took its last win', async () => {
    const { tenant, activity } = await draftWithThreeTiers();
    // 10,000 flat draws over 100 hours = 100 an hour. Every tenth draw picks "Second"
    // (random 200,000 falls in its band [200,000, 250,000)), every other draw no tier.
    let n = 0;
    const random = () => (n++ % 10 === 9 ? 200_000 : 999_999);
    const sim = await simulateActivity(tenant.id, activity.id, { draws: 10_000, shape: 'flat' }, { random });

    const [first, second, third] = sim.tiers;
    expect(second).toMatchObject({ name: 'Second', wins: 30, stock: 30 });
    expect(first!.wins + third!.wins).toBe(0);
    expect(sim.outOfStock).toBe(1_000 - 30);
    expect(sim.noWin).toBe(10_000 - 30);
    // The 30th pick is draw #299 (0-based): hour 2, the 100th of its hour, at 99.5 % of it.
    expect(second!.depletedAt).toBe(new Date(start + 2 * HOUR + Math.floor(0.995 * HOUR)).toISOString());
    expect(second!.depletedAfterHours).toBe(3);
    expect(first!.depletedAt).toBeNull();
    expect(second!.winsByBucket.slice(0, 4)).toEqual([10, 10, 10, 0]);
    expect(sim.drawsByBucket).toHaveLength(100);
    expect(sim.drawsByBucket.every((d) => d === 100)).toBe(true);
    // Bag 20.00 + 2 × coupon 1.25 = 22.50 a win.
    expect(second!.unitCostMinor).toBe(2_250);
    expect(sim.totalCostMinor).toBe(30 * 2_250);
  });

  it('gives each tier wins in proportion to its odds, capped by its stock, with the cost of what was won', async () => {
    const { tenant, activity } = await draftWithThreeTiers();
    const sim = await simulateActivity(tenant.id, activity.id, { draws: 20_000, shape: 'evening' });
    const [first, second, third] = sim.tiers;
    // Binomial(20,000, 0.2): mean 4,000, sd ≈ 57; six sd either side fails about once in 10^9 runs.
    expect(first!.wins).toBeGreaterThan(4_000 - 340);
    expect(first!.wins).toBeLessThan(4_000 + 340);
    expect(first!.expectedWins).toBe(4_000);
    // "Second" would win ~1,000 times by its odds but holds 30; "Third" ~20 but holds 5.
    expect(second!.wins).toBe(30);
    expect(second!.expectedWins).toBe(30);
    expect(second!.depletedAt).not.toBeNull();
    expect(third!.wins).toBe(5);
    expect(sim.tiers.reduce((s, t) => s + t.wins, 0) + sim.noWin).toBe(20_000);
    expect(sim.totalCostMinor).toBe(first!.wins * 125 + 30 * 2_250 + 5 * 29_950);
    expect(sim.drawsByBucket.reduce((s, d) => s + d, 0)).toBe(20_000);
  });

  it("applies a tier's time segments by the activity's local hour, as the draw does", async () => {
    const tenant = await freshTenant();
    const prize = await createPrize(tenant.id, testActor, { name: 'Cap', kind: 'physical', stock: 10_000 });
    const spec = specFor([{ name: 'Night off', probability: 0.5, stock: 10_000, prizes: [{ prizeId: prize.id }] }], {
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 24 * HOUR).toISOString(),
      timezone: 'Asia/Shanghai',
    });
    // No wins from midnight to noon, Shanghai time (16:00 to 04:00 UTC).
    spec.tiers[0]!.segments = [{ fromHour: 0, toHour: 12, probability: 0 }];
    const activity = await createActivity(tenant.id, testActor, spec);
    const sim = await simulateActivity(tenant.id, activity.id, { draws: 2_400, shape: 'flat' }, { random: () => 0 });
    const expected = Array.from({ length: 24 }, (_, h) => ((h + 8) % 24 < 12 ? 0 : 100));
    expect(sim.tiers[0]!.winsByBucket).toEqual(expected);
  });

  it('with time segments, runs a month of hours in one script call per batch of picks, not one per hour', async () => {
    const tenant = await freshTenant();
    const prize = await createPrize(tenant.id, testActor, { name: 'Cap', kind: 'physical', stock: 10_000 });
    const spec = specFor([{ name: 'Night off', probability: 0.5, stock: 10_000, prizes: [{ prizeId: prize.id }] }], {
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 30 * 24 * HOUR).toISOString(),
      timezone: 'Asia/Shanghai',
    });
    spec.tiers[0]!.segments = [{ fromHour: 0, toHour: 12, probability: 0 }];
    const activity = await createActivity(tenant.id, testActor, spec);
    const redis = (await requestRedis()) as Awaited<ReturnType<typeof requestRedis>> & Record<string, unknown>;
    const { sha } = loadLuaScript('lib/draw/lua', 'simulate-picks-0.lua');
    const evalsha = redis.evalsha;
    let calls = 0;
    redis.evalsha = ((...a: Parameters<typeof evalsha>) => {
      if (a[0] === sha) calls++;
      return evalsha.apply(redis, a);
    }) as typeof evalsha;
    try {
      const sim = await simulateActivity(tenant.id, activity.id, { draws: 3_000, shape: 'flat' }, { random: () => 0 });
      expect(calls).toBe(2); // 720 hours of picks, 2,000 to a call
      // Still by the local hour: half of each day's hours win nothing.
      expect(sim.tiers[0]!.wins).toBe(1_500);
    } finally {
      redis.evalsha = evalsha;
    }
  });

  it("does not find another tenant's activity", async () => {
    const { activity } = await draftWithThreeTiers();
    const other = await freshTenant();
    await expect(simulateActivity(other.id, activity.id, { draws: 10, shape: 'flat' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('spreadOverHours', () => {
  it('spreads exactly the draws asked for, by the shape', () => {
    const day = 24 * HOUR;
    for (const shape of ['flat', 'evening', 'launch'] as const) {
      expect(
        spreadOverHours(
          { draws: 10_001, shape },
          { fromMs: start, toMs: start + 3 * day, timeZone: 'Asia/Shanghai' },
        ).reduce((s, c) => s + c, 0),
      ).toBe(10_001);
    }
    // Evening: 8 pm in Shanghai (12:00 UTC) is the busiest hour of the day, 2 am the quietest.
    const evening = spreadOverHours(
      { draws: 24_000, shape: 'evening' },
      { fromMs: start, toMs: start + day, timeZone: 'Asia/Shanghai' },
    );
    expect(evening.indexOf(Math.max(...evening))).toBe(12);
    expect(evening[18]).toBeLessThan(evening[12]! / 10);
    // Launch: the first hour is the busiest and traffic only falls after it.
    const launch = spreadOverHours(
      { draws: 24_000, shape: 'launch' },
      { fromMs: start, toMs: start + day, timeZone: 'UTC' },
    );
    expect(launch[0]).toBe(Math.max(...launch));
    expect(launch[23]).toBeLessThan(launch[0]! / 3);
    // A period ending mid-hour gives its last hour its share only.
    expect(
      spreadOverHours({ draws: 300, shape: 'flat' }, { fromMs: start, toMs: start + 2.5 * HOUR, timeZone: 'UTC' }),
    ).toEqual([120, 120, 60]);
  });

  describe('a population of users', () => {
    /** One tier won on every pick, stock to spare, over `hours` from midnight UTC, with these limits. */
    async function alwaysWins(limits: Partial<ActivitySpec['limits']>, { hours = 72, pacing = 'none' as const } = {}) {
      const tenant = await freshTenant();
      const prize = await createPrize(tenant.id, testActor, { name: 'Pin', kind: 'physical', stock: 100_000 });
      const spec = specFor([{ name: 'Pin', probability: 1, stock: 100_000, pacing, prizes: [{ prizeId: prize.id }] }], {
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + hours * HOUR).toISOString(),
        timezone: 'UTC',
        limits: { freeDrawsPerDay: 1, ...limits },
      });
      return { tenant, activity: await createActivity(tenant.id, testActor, spec) };
    }
    const flat = { shape: 'flat' } as const;

    it('caps wins at one per user with maxWinsPerUser = 1: 100 users win 100 times', async () => {
      const { tenant, activity } = await alwaysWins({ maxWinsPerUser: 1 });
      const sim = await simulateActivity(tenant.id, activity.id, { ...flat, users: 100, drawsPerUser: 20 });
      expect(sim).toMatchObject({ attempted: 2_000, draws: 2_000, noWin: 1_900 });
      expect(sim.tiers[0]!.wins).toBe(100);
      expect(sim.population).toMatchObject({ users: 100, heldByWinLimit: 1_900, winners: 100 });
      // The same draws without the population's limits: every one wins.
      const anonymous = await simulateActivity(tenant.id, activity.id, { ...flat, draws: 2_000 });
      expect(anonymous.tiers[0]!.wins).toBe(2_000);
      expect(anonymous.population).toBeNull();
      expect(anonymous.notModelled[0]).toMatch(/^Per-user limits/);
    });

    it('refuses draws beyond maxDrawsTotal and beyond maxDrawsPerDay in the local day', async () => {
      const total = await alwaysWins({ maxDrawsTotal: 3 });
      const capped = await simulateActivity(total.tenant.id, total.activity.id, {
        ...flat,
        users: 50,
        drawsPerUser: 10,
      });
      expect(capped).toMatchObject({ attempted: 500, draws: 150 });
      expect(capped.population).toMatchObject({ refusedByTotalLimit: 350, refusedByDailyLimit: 0, winners: 50 });

      // Three days; each user's 20 draws spread over them, two a day at most: six each.
      const daily = await alwaysWins({ maxDrawsPerDay: 2 });
      const perDay = await simulateActivity(daily.tenant.id, daily.activity.id, {
        ...flat,
        users: 10,
        drawsPerUser: 20,
      });
      expect(perDay).toMatchObject({ attempted: 200, draws: 60 });
      expect(perDay.population).toMatchObject({ refusedByDailyLimit: 140, refusedByTotalLimit: 0 });
      expect(perDay.tiers[0]!.wins).toBe(60);
    });

    it('says what it does not model, and takes users and draws per user together or not at all', async () => {
      const { tenant, activity } = await alwaysWins({});
      const sim = await simulateActivity(tenant.id, activity.id, { ...flat, users: 2, drawsPerUser: 1 });
      expect(sim.notModelled.join('\n')).toMatch(/Risk rules/);
      expect(sim.notModelled.join('\n')).toMatch(/Tasks and events granting chances/);
      expect(sim.notModelled.join('\n')).not.toMatch(/Per-user limits/);
      const path = (input: unknown) => SimulationInput.safeParse(input).error?.issues.map((i) => i.path.join('.'));
      expect(path({ ...flat, users: 10 })).toEqual(['drawsPerUser']);
      expect(path({ ...flat, drawsPerUser: 10 })).toEqual(['users']);
      expect(path({ ...flat, draws: 10, users: 1, drawsPerUser: 1 })).toEqual(['draws']);
      expect(path({ ...flat, users: 1_000, drawsPerUser: 1_000 })).toEqual(['drawsPerUser']);
      expect(path(flat)).toEqual(['draws']);
    });
  });

  it('holds an evenly paced tier to its release line: one win an hour for 100 over 100 hours', async () => {
    const tenant = await freshTenant();
    const prize = await createPrize(tenant.id, testActor, { name: 'Mug', kind: 'physical', stock: 1_000 });
    const spec = specFor(
      [{ name: 'Mug', probability: 1, stock: 100, pacing: 'even', prizes: [{ prizeId: prize.id }] }],
      { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 100 * HOUR).toISOString(), timezone: 'UTC' },
    );
    const activity = await createActivity(tenant.id, testActor, spec);
    const sim = await simulateActivity(tenant.id, activity.id, { draws: 10_000, shape: 'flat' });
    // Unpaced, the first hundred draws would take it all in the first hour.
    expect(sim.tiers[0]!.winsByBucket).toEqual(new Array(100).fill(1));
    expect(sim.heldByPacing).toBe(10_000 - 100);
  });
});
