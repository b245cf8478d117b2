// The play page's views: counted per published activity of the token's tenant, written in batches,
// shown as the first step of the dashboard's funnel.
import { describe, expect, it } from 'vitest';
import { POST as views } from '@/app/api/v1/activities/[activityId]/views/route';
import { createActivity } from '@/lib/activities/create-activity';
import { db } from '@/lib/db';
import { getDashboardData } from '@/lib/stats/get-dashboard-data';
import { flushPageViews } from '@/lib/stats/page-views';
import { liveActivity, specFor, testActor } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';

const tiers = (p: string[]) => [{ probability: 0.5, stock: 5, prizes: [{ prizeId: p[0]! }] }];
const pageViews = async (activityId: string) =>
  (await db.activity.findUniqueOrThrow({ where: { id: activityId }, select: { pageViews: true } })).pageViews;

describe('POST /api/v1/activities/{id}/views', () => {
  it('counts each load, under the canonical id, and the funnel starts with them', async () => {
    const { tenant, activity } = await liveActivity(tiers);
    const token = await tenant.userToken('viewer');
    for (const activityId of [activity.id, activity.id, activity.id.toUpperCase()]) {
      const res = await callRoute(views, { method: 'POST', headers: bearer(token), params: { activityId } });
      expect(res.status).toBe(204);
    }
    await flushPageViews();
    expect(await pageViews(activity.id)).toBe(3);
    expect((await getDashboardData(tenant.id, activity.id)).funnel.pageViews).toBe(3);
  });

  it("refuses another tenant's activity, a draft, a malformed id and a missing token, counting nothing", async () => {
    const { tenant, activity, prizes } = await liveActivity(tiers);
    const { tenant: other } = await liveActivity(tiers);
    const draft = await createActivity(tenant.id, testActor, specFor(tiers(prizes.map((p) => p.id))));
    const outsider = await other.userToken('outsider');
    const insider = await tenant.userToken('insider');
    const post = (token: string | null, activityId: string) =>
      callRoute(views, { method: 'POST', headers: token ? bearer(token) : {}, params: { activityId } });
    expect((await post(outsider, activity.id)).status).toBe(404);
    expect((await post(insider, draft.id)).status).toBe(404);
    expect((await post(insider, 'not-a-uuid')).status).toBe(404);
    expect((await post(insider, `${activity.id}\u0000`)).status).toBe(404);
    expect((await post(null, activity.id)).status).toBe(401);
    await flushPageViews();
    expect(await pageViews(activity.id)).toBe(0);
    expect(await pageViews(draft.id)).toBe(0);
  });
});
