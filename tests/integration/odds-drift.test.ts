// The odds-drift alarm against real draws: quiet on the draw's own picker, loud (one alert,
// and a pause when asked) on a biased one, and not fooled by stock running out or win caps.
import { randomInt, randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { changeActivityStatus } from '@/lib/activities/change-status';
import { acknowledgeAlert } from '@/lib/alerts/acknowledge-alert';
import { patchTier } from '@/lib/activities/patch-tier';
import type { ActivitySpec } from '@/lib/activities/schemas';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { checkOddsDrift } from '@/lib/odds/check-odds-drift';
import { listChanges } from '@/lib/activities/list-changes';
import { fitOutcomes } from '@/lib/odds/fit-outcomes';
import { createRedis } from '@/lib/redis';
import oddsDriftProcessor from '@/workers/odds-drift';
import { endUser, liveActivity, testActor } from '../helpers/activities';

const redis = createRedis('worker');
afterAll(() => redis.quit());

type Tier = { probability: number; stock: number };

async function playedActivity(
  tiers: Tier[],
  {
    users,
    drawsEach,
    random,
    overrides = {},
  }: { users: number; drawsEach: number; random?: () => number; overrides?: Partial<ActivitySpec> },
) {
  const live = await liveActivity((p) => tiers.map((t) => ({ ...t, prizes: [{ prizeId: p[0]! }] })), {
    stocks: [100_000],
    overrides: { limits: { freeDrawsPerDay: drawsEach, ...overrides.limits }, ...overrides },
  });
  // Users draw in parallel, each user's draws one after another (as a person taps), so a draw
  // never races its own user's capping win.
  const queue = Array.from({ length: users }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      for (let u = queue.pop(); u !== undefined; u = queue.pop()) {
        for (let n = 0; n < drawsEach; n++)
          await executeDraw(endUser(live.tenant, `u${u}`), live.activity.id, randomUUID(), random ? { random } : {});
      }
    }),
  );
  return live;
}

const alertsOf = (activityId: string) => db.alert.findMany({ where: { activityId, kind: 'odds_drift' } });
const statusOf = async (activityId: string) =>
  (await db.activity.findUniqueOrThrow({ where: { id: activityId } })).status;

describe('the odds-drift alarm', () => {
  const odds: Tier[] = [
    { probability: 0.05, stock: 10_000 },
    { probability: 0.1, stock: 10_000 },
    { probability: 0.2, stock: 10_000 },
  ];

  it('stays quiet on 3,000 real draws by 1,000 users', async () => {
    const { activity } = await playedActivity(odds, { users: 1_000, drawsEach: 3, overrides: { pauseOnDrift: true } });
    const check = await checkOddsDrift(activity.id);
    expect(check!.fit!.draws).toBe(3_000);
    expect(check!.fit!.categories).toHaveLength(4);
    expect(check!.drift).toBe(false);
    expect(await alertsOf(activity.id)).toEqual([]);
    expect(await statusOf(activity.id)).toBe('LIVE');
  });

  it('fires once on a biased picker and pauses the activity when pauseOnDrift is set', async () => {
    // Random integers from only half the range: every tier is drawn twice as often as configured.
    const { tenant, activity } = await playedActivity(odds, {
      users: 500,
      drawsEach: 2,
      random: () => randomInt(0, 500_000),
      overrides: { pauseOnDrift: true },
    });
    const check = await checkOddsDrift(activity.id);
    expect(check).toMatchObject({ drift: true, alerted: true, paused: true });
    expect(check!.fit!.pValue).toBeLessThan(0.001);
    const [alert] = await alertsOf(activity.id);
    expect(alert).toMatchObject({
      tenantId: tenant.id,
      kind: 'odds_drift',
      severity: 'CRITICAL',
      acknowledgedAt: null,
    });
    expect(await statusOf(activity.id)).toBe('PAUSED');
    expect(
      await db.auditLog.count({
        where: { objectId: activity.id, action: 'activity.pause', actorType: 'SYSTEM', actorId: 'odds-drift' },
      }),
    ).toBe(1);
    // The pause shows in the activity's change history as the system's, with why.
    const history = await listChanges(tenant.id, { activityId: activity.id, limit: 100 });
    expect(history).toEqual([
      expect.objectContaining({
        status: 'APPLIED',
        proposedBy: { type: 'SYSTEM', id: 'odds-drift' },
        appliedVersion: 1,
        reason: expect.stringContaining('odds-drift alarm'),
        diff: { entries: [{ kind: 'status', path: 'status', before: 'live', after: 'paused' }], scopes: [], cost: [] },
      }),
    ]);

    // The operator resumes without acknowledging: the open alert is not raised again, nor is the activity paused again.
    await changeActivityStatus(tenant.id, testActor, { activityId: activity.id, transition: 'resume' });
    expect(await checkOddsDrift(activity.id)).toMatchObject({ drift: true, alerted: false, paused: false });
    expect(await alertsOf(activity.id)).toHaveLength(1);
    expect(await statusOf(activity.id)).toBe('LIVE');
  });

  it("alerts without pausing when pauseOnDrift is off (run by the odds-drift queue's processor)", async () => {
    const { activity } = await playedActivity(odds, { users: 500, drawsEach: 2, random: () => randomInt(0, 500_000) });
    expect(await oddsDriftProcessor.process({ data: { activityId: activity.id } } as Job)).toMatchObject({
      drift: true,
      alerted: true,
      paused: false,
    });
    expect(await alertsOf(activity.id)).toHaveLength(1);
    expect(await statusOf(activity.id)).toBe('LIVE');
  });

  it('is not raised again once acknowledged until a check finds no drift; then a new drift is', async () => {
    const biased = () => randomInt(0, 500_000);
    const { tenant, activity } = await playedActivity(odds, { users: 500, drawsEach: 2, random: biased });
    const moveDrawsOutOfWindow = () =>
      db.$executeRaw`UPDATE "Draw" SET "createdAt" = "createdAt" - interval '2 hours' WHERE "activityId" = ${activity.id}::uuid`;
    const drawMore = (prefix: string, users: number, random?: () => number) =>
      Promise.all(
        Array.from({ length: users }, async (_, u) => {
          for (let n = 0; n < 2; n++)
            await executeDraw(endUser(tenant, `${prefix}${u}`), activity.id, randomUUID(), random ? { random } : {});
        }),
      );
    expect(await checkOddsDrift(activity.id)).toMatchObject({ drift: true, alerted: true });
    const [first] = await alertsOf(activity.id);
    await acknowledgeAlert(tenant.id, testActor, first!.id);
    // Still drifting: seen, so not raised again.
    expect(await checkOddsDrift(activity.id)).toMatchObject({ drift: true, alerted: false });
    expect(await alertsOf(activity.id)).toHaveLength(1);

    // The window holds only fair draws: no drift, the acknowledged alert lets its condition go.
    await moveDrawsOutOfWindow();
    await drawMore('fair', 1_000);
    expect(await checkOddsDrift(activity.id)).toMatchObject({ drift: false });
    expect(await db.alert.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({ dedupeKey: null });

    // Drifting again: a new alert.
    await moveDrawsOutOfWindow();
    await drawMore('again', 500, biased);
    expect(await checkOddsDrift(activity.id)).toMatchObject({ drift: true, alerted: true });
    const open = await db.alert.findMany({ where: { activityId: activity.id, acknowledgedAt: null } });
    expect(open.map((a) => a.kind)).toEqual(['odds_drift']);
    expect(await alertsOf(activity.id)).toHaveLength(2);
  });

  it('is not fooled by a tier that sold out, which a naive test would call drift', async () => {
    const { activity } = await playedActivity(
      [
        { probability: 0.1, stock: 10_000 },
        { probability: 0.3, stock: 60 },
      ],
      { users: 1_000, drawsEach: 2 },
    );
    const check = await checkOddsDrift(activity.id);
    expect(check!.drift).toBe(false);
    expect(check!.fit!.categories.find((c) => c.pooled)!.tierIds).toEqual([activity.tiers[1]!.id]);
    // The same counts with the sold-out tier tested on its own: far from its odds.
    const naive = fitOutcomes(
      activity.tiers.map((t, i) => ({ id: t.id, probabilityMicros: [100_000, 300_000][i]!, pooled: false })),
      await countsOf(activity.id),
    );
    expect(naive!.pValue).toBeLessThan(0.001);
  });

  it('tests a segmented tier against the odds in force when it was drawn, not its base odds', async () => {
    // Base odds 0.1; a segment over the whole day pays 0.6, so every draw here had 0.6.
    const segments = [{ fromHour: 0, toHour: 24, probability: 0.6 }];
    const live = await liveActivity(
      (p) => [{ probability: 0.1, stock: 100_000, prizes: [{ prizeId: p[0]! }], segments }],
      {
        stocks: [100_000],
        overrides: { limits: { freeDrawsPerDay: 4 } },
      },
    );
    const users = Array.from({ length: 500 }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        for (let u = users.pop(); u !== undefined; u = users.pop())
          for (let n = 0; n < 4; n++) await executeDraw(endUser(live.tenant, `s${u}`), live.activity.id, randomUUID());
      }),
    );
    const check = await checkOddsDrift(live.activity.id);
    expect(check!.fit!.draws).toBe(2_000);
    expect(check!.fit!.categories.find((c) => c.tierIds.includes(live.activity.tiers[0]!.id))!.pooled).toBe(false);
    expect(check!.drift).toBe(false);
    // The same outcomes against the base odds: drift.
    const base = fitOutcomes(
      [{ id: live.activity.tiers[0]!.id, probabilityMicros: 100_000, pooled: false }],
      await countsOf(live.activity.id),
    );
    expect(base!.pValue).toBeLessThan(0.001);
  });

  it('tests only the draws made since the odds last changed', async () => {
    const { tenant, activity } = await playedActivity([{ probability: 0.02, stock: 10_000 }], {
      users: 1_000,
      drawsEach: 2,
    });
    await patchTier(tenant.id, testActor, {
      activityId: activity.id,
      tierId: activity.tiers[0]!.id,
      patch: { probability: 0.3 },
    });
    await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => executeDraw(endUser(tenant, `later-${i}`), activity.id, randomUUID())),
    );
    const check = await checkOddsDrift(activity.id);
    expect(check!.fit!.draws).toBe(1_000);
    expect(check!.drift).toBe(false);
    // All 2,000 judged against today's odds would look like drift.
    const naive = fitOutcomes(
      [{ id: activity.tiers[0]!.id, probabilityMicros: 300_000, pooled: false }],
      await countsOf(activity.id),
    );
    expect(naive!.pValue).toBeLessThan(0.001);
  });

  it('leaves out draws that could not win because the user had reached maxWinsPerUser', async () => {
    const { activity } = await playedActivity([{ probability: 0.4, stock: 10_000 }], {
      users: 400,
      drawsEach: 5,
      overrides: { limits: { freeDrawsPerDay: 5, maxWinsPerUser: 1 } },
    });
    const check = await checkOddsDrift(activity.id);
    expect(check!.drift).toBe(false);
    expect(check!.fit!.draws).toBeLessThan(2_000);
    // Counted naively, capped users' losses drag the tier far below its odds.
    const naive = fitOutcomes(
      [{ id: activity.tiers[0]!.id, probabilityMicros: 400_000, pooled: false }],
      await countsOf(activity.id),
    );
    expect(naive!.pValue).toBeLessThan(0.001);
  });
});

async function countsOf(activityId: string) {
  const rows = await db.draw.groupBy({ by: ['tierId'], where: { activityId }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.tierId, r._count._all]));
}
