// The public view discloses the odds that pick the tier now: a time segment in force replaces the
// tier's own odds, the schedule is listed beside them, and pacing is named apart.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET as activityView } from '@/app/api/v1/activities/[activityId]/route';
import { getActivityStats } from '@/lib/activities/get-activity-stats';
import { getPublicActivity } from '@/lib/activities/get-public-activity';
import { executeDraw } from '@/lib/draw/execute-draw';
import { getDashboardData } from '@/lib/stats/get-dashboard-data';
import { endUser, liveActivity } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';

describe('odds disclosed as they are in force', () => {
  it('says 0.6 while a segment paying 0.6 is in force over base odds of 0.1, and 0.1 outside it', async () => {
    // Asia/Shanghai is UTC+8 all year: 10:00–12:00 local is 02:00–04:00 UTC.
    const { tenant, activity } = await liveActivity((p) => [
      {
        probability: 0.1,
        stock: 100,
        pacing: 'even',
        prizes: [{ prizeId: p[0]! }],
        segments: [{ fromHour: 10, toHour: 12, probability: 0.6 }],
      },
    ]);
    const inside = await getPublicActivity(tenant.id, activity.id, Date.parse('2026-12-06T02:30:00Z'));
    expect(inside.tiers[0]).toMatchObject({
      probability: 0.6,
      baseProbability: 0.1,
      schedule: [{ fromHour: 10, toHour: 12, probability: 0.6 }],
      pacing: 'even',
    });
    expect(inside.noWinProbability).toBeCloseTo(0.4, 9);
    const outside = await getPublicActivity(tenant.id, activity.id, Date.parse('2026-12-06T05:00:00Z'));
    expect(outside.tiers[0]!.probability).toBe(0.1);
    expect(outside.noWinProbability).toBeCloseTo(0.9, 9);

    // Through the route, now: whichever odds the hour gives, they are the ones the schedule says.
    const res = await callRoute(activityView, {
      params: { activityId: activity.id.toUpperCase() },
      headers: bearer(await tenant.userToken('viewer')),
    });
    expect(res.status).toBe(200);
    const body = res.json as { tiers: { probability: number }[] };
    const hour = (new Date().getUTCHours() + 8) % 24;
    expect(body.tiers[0]!.probability).toBe(hour >= 10 && hour < 12 ? 0.6 : 0.1);
  });

  it('the stats and the dashboard compare actual shares with the odds the draws had, not the base odds', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [
        {
          probability: 0.1,
          stock: 1000,
          prizes: [{ prizeId: p[0]! }],
          segments: [{ fromHour: 0, toHour: 24, probability: 0.6 }],
        },
        { probability: 0.2, stock: 1000, prizes: [{ prizeId: p[0]! }] },
      ],
      { stocks: [2000], overrides: { limits: { freeDrawsPerDay: 5 } } },
    );
    for (let u = 0; u < 10; u++) await executeDraw(endUser(tenant, `d${u}`), activity.id, randomUUID());
    const stats = await getActivityStats(tenant.id, activity.id);
    expect(stats.draws).toBe(10);
    expect(stats.byTier.map((t) => [t.configured, t.oddsNow])).toEqual([
      [0.6, 0.6],
      [0.2, 0.2],
    ]);
    const dashboard = await getDashboardData(tenant.id, activity.id);
    expect(dashboard.tiers.map((t) => [t.probability, t.oddsNow])).toEqual([
      [0.6, 0.6],
      [0.2, 0.2],
    ]);
  });
});
