// The statistics, reconciliation and live-alerts passes visit only the activities marked since their last run,
// and their full passes every one. Among the fault tests for the reason given in
// draw-log-sweep.test.ts: the marks are one set per deployment.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAllLiveAlerts, checkMarkedLiveAlerts } from '@/lib/alerts/check-live-alerts';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { sweepDirtyDrawLogs } from '@/lib/draw/sweep-draw-logs';
import { reconcileAll, reconcileMarked } from '@/lib/inventory/reconcile-activity';
import { createRedis } from '@/lib/redis';
import { getDashboardData } from '@/lib/stats/get-dashboard-data';
import { runStatsJob } from '@/lib/stats/run-stats-job';
import { AFTER_DRAWS, dirtyKey } from '@/lib/workers/dirty-activities';
import { endUser, liveActivity } from '../../helpers/activities';

const redis = createRedis('worker');
afterAll(() => redis.quit());

const twoActivities = async () => {
  const tiers = (p: string[]) => [{ probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] }];
  const active = await liveActivity(tiers, { stocks: [10] });
  const idle = await liveActivity(tiers, { stocks: [10] });
  for (const pass of AFTER_DRAWS) await redis.srem(dirtyKey(pass), active.activity.id, idle.activity.id);
  return { active, idle };
};

describe('passes over marked activities', () => {
  it('aggregates the statistics of the activity drawn in, once per mark, as the full pass would', async () => {
    const { active, idle } = await twoActivities();
    await executeDraw(endUser(active.tenant, 'a'), active.activity.id, randomUUID());
    await sweepDirtyDrawLogs(redis, Date.now() + 3_000);

    const recent = await runStatsJob(redis, { marked: true });
    expect(recent[active.activity.id]).toMatchObject({ rebuiltAll: false });
    expect(recent[idle.activity.id]).toBeUndefined();
    const settled = await runStatsJob(redis, { settle: true, marked: true });
    expect(settled[active.activity.id]).toBeDefined();
    expect(settled[idle.activity.id]).toBeUndefined();
    expect((await getDashboardData(active.tenant.id, active.activity.id)).totals.draws).toBe(1);
    // Nothing happened since: the next passes leave both alone.
    expect((await runStatsJob(redis, { marked: true }))[active.activity.id]).toBeUndefined();

    const full = await runStatsJob(redis, { settle: true });
    expect(full[idle.activity.id]).toBeDefined();
    expect(full[active.activity.id]).toMatchObject({ written: 0, removed: 0, rebuiltAll: false });
  });

  it('reconciles a marked activity at once, and finds drift in an unmarked one at the full pass', async () => {
    const { active, idle } = await twoActivities();
    await redis.hincrby(drawKeys(idle.activity.id).stock, `p:${idle.prizes[0]!.id}`, 5);
    await executeDraw(endUser(active.tenant, 'a'), active.activity.id, randomUUID());
    await redis.hincrby(drawKeys(active.activity.id).stock, `p:${active.prizes[0]!.id}`, 5);
    await sweepDirtyDrawLogs(redis, Date.now() + 3_000);

    await reconcileMarked();
    const alerts = (activityId: string) => db.alert.count({ where: { activityId, kind: 'stock.hot-state' } });
    expect(await alerts(active.activity.id)).toBe(1);
    expect(await alerts(idle.activity.id)).toBe(0);

    await reconcileAll({ only: [idle.activity.id] });
    expect(await alerts(idle.activity.id)).toBe(1);
  });

  it('raises live alerts for a marked activity at once, and for an unmarked one at the full pass', async () => {
    const { active, idle } = await twoActivities();
    // Three of ten won within the first minutes of a day-long period: far ahead of an even release.
    for (const user of ['a', 'b', 'c'])
      await executeDraw(endUser(active.tenant, user), active.activity.id, randomUUID());
    await redis.hincrby(drawKeys(idle.activity.id).issued, `t:${idle.activity.tiers[0]!.id}`, 3);
    await sweepDirtyDrawLogs(redis, Date.now() + 3_000);

    await checkMarkedLiveAlerts();
    const alerts = (activityId: string) => db.alert.count({ where: { activityId, kind: 'tier_ahead_of_pacing' } });
    expect(await alerts(active.activity.id)).toBe(1);
    expect(await alerts(idle.activity.id)).toBe(0);
    // Nothing drawn since: the next marked pass leaves it alone.
    await checkMarkedLiveAlerts();

    await checkAllLiveAlerts(Date.now(), { only: [idle.activity.id, active.activity.id] });
    expect(await alerts(idle.activity.id)).toBe(1);
    expect(await alerts(active.activity.id)).toBe(1);
  });
});
