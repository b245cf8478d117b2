// The auto-tune job against real PostgreSQL and Redis: it moves a live tier's odds through
// patchTier, within the operator's bounds, audited as SYSTEM "auto-tune", at most once per interval.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivity } from '@/lib/activities/create-activity';
import { publishActivity } from '@/lib/activities/publish-activity';
import type { ActivitySpec } from '@/lib/activities/schemas';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { simulatePicks } from '@/lib/draw/simulate-picks';
import { autoTuneActivity } from '@/lib/odds/auto-tune-tiers';
import { decideTunedProbability, evenReleaseTarget } from '@/lib/odds/decide-tuned-probability';
import { activityKey, createRedis } from '@/lib/redis';
import autoTuneProcessor from '@/workers/auto-tune';
import { createPrizes, endUser, specFor, testActor } from '../helpers/activities';
import { freshTenant } from '../helpers/fixtures';

const redis = createRedis('worker');
afterAll(() => redis.quit());

const INTERVAL_MS = 300_000;

/** A live activity whose first tier is tuned within [min, max] and whose second is not. */
async function tunedActivity({
  probability,
  min,
  max,
  startedHoursAgo = 0,
}: {
  probability: number;
  min: number;
  max: number;
  startedHoursAgo?: number;
}) {
  const tenant = await freshTenant();
  const [prize] = await createPrizes(tenant.id, [20_000]);
  const now = Date.now();
  const spec: ActivitySpec = specFor(
    [
      { probability, stock: 1_000, prizes: [{ prizeId: prize!.id }] },
      { probability: 0.01, stock: 1_000, prizes: [{ prizeId: prize!.id }] },
    ],
    {
      startsAt: new Date(now - startedHoursAgo * 3600_000 - 60_000).toISOString(),
      endsAt: new Date(now + 24 * 3600_000).toISOString(),
    },
  );
  spec.tiers[0]!.autoTune = { minProbability: min, maxProbability: max };
  const draft = await createActivity(tenant.id, testActor, spec);
  const activity = await publishActivity(tenant.id, testActor, draft.id);
  return { tenant, activity, tuned: activity.tiers[0]!.id, untuned: activity.tiers[1]!.id };
}

const odds = async (tierId: string) => (await db.tier.findUniqueOrThrow({ where: { id: tierId } })).probabilityMicros;
const auditOf = (tierId: string) =>
  db.auditLog.findMany({ where: { objectType: 'Tier', objectId: tierId }, orderBy: { id: 'asc' } });

describe('the auto-tune job', () => {
  it('lowers a tier issuing ahead of the curve through patchTier, audited, once per interval, never below the floor', async () => {
    const { tenant, activity, tuned, untuned } = await tunedActivity({ probability: 0.2, min: 0.01, max: 0.3 });
    // A minute into a day-long activity the curve wants ~0 wins; 300 draws at 0.2 give ~60.
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => executeDraw(endUser(tenant, `u${i}`), activity.id, randomUUID())),
    );

    const [change] = await autoTuneActivity(activity.id, { intervalMs: INTERVAL_MS });
    expect(change).toMatchObject({ tierId: tuned, fromMicros: 200_000, toMicros: 100_000 });
    expect(await odds(tuned)).toBe(100_000);
    expect(await odds(untuned)).toBe(10_000);
    // The draw uses it at once: the compiled config in Redis carries the new odds.
    const compiled = JSON.parse((await redis.hget(drawKeys(activity.id).cfg, 'tiers'))!) as { id: string; p: number }[];
    expect(compiled.find((t) => t.id === tuned)!.p).toBe(100_000);
    const [entry] = await auditOf(tuned);
    expect(entry).toMatchObject({
      tenantId: tenant.id,
      actorType: 'SYSTEM',
      actorId: 'auto-tune',
      action: 'tier.update',
      before: { probability: 0.2 },
    });
    expect(entry!.after).toMatchObject({
      probability: 0.1,
      reason: { target: 0, minProbability: 0.01, maxProbability: 0.3 },
    });
    // A system version: recorded without approval, by the auto-tuner.
    const version = await db.configVersion.findFirstOrThrow({
      where: { activityId: activity.id },
      orderBy: { version: 'desc' },
    });
    expect(version).toMatchObject({ version: 2, actorType: 'SYSTEM', actorId: 'auto-tune' });

    // Not twice within the interval: the Redis gate stops it, and without the gate the audit trail does.
    expect(await autoTuneActivity(activity.id, { intervalMs: INTERVAL_MS })).toEqual([]);
    await redis.del(activityKey(activity.id, 'auto-tune', tuned));
    expect(await autoTuneActivity(activity.id, { intervalMs: INTERVAL_MS })).toEqual([]);
    expect(await odds(tuned)).toBe(100_000);
    expect(await auditOf(tuned)).toHaveLength(1);

    // With a tiny interval it keeps halving, and stops at the floor.
    const seen: number[] = [];
    for (let round = 0; round < 8; round++) {
      await sleep(5);
      await autoTuneActivity(activity.id, { intervalMs: 1 });
      seen.push(await odds(tuned));
    }
    expect(Math.min(...seen)).toBe(10_000);
    expect(seen.every((p) => p >= 10_000)).toBe(true);
    const trail = await auditOf(tuned);
    expect(trail.map((e) => (e.after as { probability: number }).probability)).toEqual([
      0.1, 0.05, 0.025, 0.0125, 0.01,
    ]);
    expect(trail.every((e) => e.actorId === 'auto-tune')).toBe(true);
    expect(await auditOf(untuned)).toHaveLength(0);
  });

  it('raises a tier behind the curve up to its ceiling, not past it', async () => {
    // Half a day in with nothing issued: far behind, so it climbs, and the ceiling holds.
    const { activity, tuned } = await tunedActivity({
      probability: 0.001,
      min: 0.0005,
      max: 0.003,
      startedHoursAgo: 12,
    });
    // The first round through the auto-tune queue's processor, with the configured interval.
    await autoTuneProcessor.process({ data: { activityId: activity.id } } as Job);
    expect(await odds(tuned)).toBe(2_000);
    // That change holds its gate for the configured interval; lifted here to watch it climb.
    await redis.del(activityKey(activity.id, 'auto-tune', tuned));
    const seen: number[] = [2_000];
    for (let round = 1; round < 4; round++) {
      await sleep(5);
      await autoTuneActivity(activity.id, { intervalMs: 1 });
      seen.push(await odds(tuned));
    }
    expect(seen).toEqual([2_000, 3_000, 3_000, 3_000]);
  });

  it("steers the draw's own picker onto the even-release curve over a simulated day (simulatePicks, 15-minute rounds)", async () => {
    // Two tiers: the tuned one starts 5× too generous; the other takes its own share of picks.
    const stock = 300;
    const rounds = 96;
    const periodMs = 24 * 3600_000;
    const run = async (tune: boolean) => {
      let p = 20_000;
      const tiersStock: Record<string, number> = {
        't:tuned': stock,
        'p:a': stock,
        't:other': 1_000_000,
        'p:b': 1_000_000,
      };
      const trace: { at: number; issued: number; target: number; p: number }[] = [];
      for (let round = 1; round <= rounds; round++) {
        const hour = ((round - 1) * 24) / rounds;
        const draws = Math.round(800 + 600 * Math.sin(((hour - 9) / 24) * 2 * Math.PI));
        const tiers = [
          { id: 'tuned', p, prizes: [['a', 1]] as [string, number][] },
          { id: 'other', p: 100_000, prizes: [['b', 1]] as [string, number][] },
        ];
        const { stockLeft } = await simulatePicks(redis, { tiers, stock: tiersStock, draws });
        Object.assign(tiersStock, stockLeft);
        const issued = stock - tiersStock['t:tuned']!;
        const target = evenReleaseTarget(stock, 0, periodMs, (round * periodMs) / rounds);
        if (tune)
          p = decideTunedProbability({
            probabilityMicros: p,
            issued,
            target,
            horizonWins: (stock * 3600_000) / periodMs,
            minMicros: 500,
            maxMicros: 50_000,
          });
        trace.push({ at: round / rounds, issued, target, p });
      }
      return trace;
    };
    const untuned = await run(false);
    expect(untuned.find((s) => s.issued >= stock)!.at).toBeLessThan(0.5);
    const tuned = await run(true);
    expect(tuned.every((s) => s.p >= 500 && s.p <= 50_000)).toBe(true);
    // After settling for a few hours, within 15 % of the stock of the curve (untuned: sold out before midday).
    for (const s of tuned.filter((x) => x.at >= 3 / 24))
      expect(Math.abs(s.issued - s.target)).toBeLessThanOrEqual(0.15 * stock);
    expect(tuned.at(-1)!.issued).toBeGreaterThanOrEqual(0.9 * stock);
  });

  it('leaves ended and paused activities alone', async () => {
    const { activity, tuned } = await tunedActivity({
      probability: 0.001,
      min: 0.0005,
      max: 0.003,
      startedHoursAgo: 12,
    });
    await db.activity.update({ where: { id: activity.id }, data: { status: 'PAUSED' } });
    expect(await autoTuneActivity(activity.id, { intervalMs: 1 })).toEqual([]);
    expect(await odds(tuned)).toBe(1_000);
  });
});
