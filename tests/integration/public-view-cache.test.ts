// GET /api/v1/activities/{id} keeps an activity's rows per process while Redis says nothing of
// it changed: every change through the API shows on the next call. Nothing here tells the view's
// process about a change: it learns of it from Redis alone, as any other process would (the
// integration-lane project runs this file with the view served by the production server's process).
import { describe, expect, it } from 'vitest';
import { POST as proposeRoute } from '@/app/api/manage/activities/[id]/changes/route';
import { POST as endRoute } from '@/app/api/manage/activities/[id]/end/route';
import { POST as rotateRoute } from '@/app/api/manage/activities/[id]/fairness/rotate/route';
import { POST as pauseRoute } from '@/app/api/manage/activities/[id]/pause/route';
import { POST as resumeRoute } from '@/app/api/manage/activities/[id]/resume/route';
import { PATCH as tierRoute } from '@/app/api/manage/activities/[id]/tiers/[tierId]/route';
import { GET as viewRoute } from '@/app/api/v1/activities/[activityId]/route';
import { db } from '@/lib/db';
import { drawKeys } from '@/lib/draw/keys';
import { requestRedis } from '@/lib/redis';
import { liveActivity } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';

type View = {
  name: string;
  status: string;
  configVersion: number;
  materials: Record<string, unknown>;
  tiers: { id: string; name: string; baseProbability: number }[];
  fairness: { commitment: string };
};

describe('GET /api/v1/activities/[id] kept per process', () => {
  it('shows each change of a live activity on the next call', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ name: 'Gold', probability: 0.1, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { materials: { title: 'Old title' } } },
    );
    const tierId = activity.tiers[0]!.id;
    const token = await tenant.userToken('viewer');
    const view = async (): Promise<View> => {
      const res = await callRoute(viewRoute, { headers: bearer(token), params: { activityId: activity.id } });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      return res.json as View;
    };
    const manage = async (route: typeof pauseRoute, body?: object, params: Record<string, string> = {}) => {
      const res = await callRoute(route, {
        method: route === tierRoute ? 'PATCH' : 'POST',
        headers: bearer(tenant.apiKey),
        params: { id: activity.id, ...params },
        ...(body ? { body } : {}),
      });
      expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
    };
    const first = await view();
    expect(first).toMatchObject({ status: 'LIVE', configVersion: 1, materials: { title: 'Old title' } });

    // A row changed behind the back of every writer is not read: the kept copy answers.
    await db.tier.update({ where: { id: tierId }, data: { name: 'Unannounced' } });
    expect((await view()).tiers[0]!.name).toBe('Gold');

    await manage(proposeRoute, { patch: { name: 'Spring draw', materials: { title: 'New title' } } });
    expect(await view()).toMatchObject({
      name: 'Spring draw',
      configVersion: 2,
      materials: { title: 'New title' },
      tiers: [{ name: 'Unannounced' }],
    });
    await manage(tierRoute, { probability: 0.2 }, { tierId });
    expect(await view()).toMatchObject({ configVersion: 3, tiers: [{ baseProbability: 0.2 }] });
    await manage(tierRoute, { stock: 150 }, { tierId });
    expect((await view()).configVersion).toBe(4);
    await manage(pauseRoute);
    expect((await view()).status).toBe('PAUSED');
    await manage(resumeRoute);
    expect((await view()).status).toBe('LIVE');
    await manage(rotateRoute);
    const seed = await db.activitySeed.findFirstOrThrow({
      where: { activityId: activity.id },
      orderBy: { activeFrom: 'desc' },
    });
    expect((await view()).fairness.commitment).toBe(seed.commitment);
    expect(seed.commitment).not.toBe(first.fairness.commitment);
    await manage(endRoute);
    expect((await view()).status).toBe('ENDED');
  });

  it('keeps no rows older than the version the hot state already names', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { name: 'Gold', probability: 0.1, stock: 100, prizes: [{ prizeId: p[0]! }] },
    ]);
    const token = await tenant.userToken('viewer');
    const tierName = async () =>
      (await callRoute(viewRoute, { headers: bearer(token), params: { activityId: activity.id } })).json.tiers[0].name;
    // A live change moves the hot state just before its commit: until the rows say that version
    // too, each call reads them.
    const redis = await requestRedis();
    await redis.hset(drawKeys(activity.id).cfg, 'version', '2');
    expect(await tierName()).toBe('Gold');
    await db.tier.update({ where: { id: activity.tiers[0]!.id }, data: { name: 'Committed' } });
    expect(await tierName()).toBe('Committed');
  });
});
