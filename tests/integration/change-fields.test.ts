// Changes of what is not odds or stock: materials, limits, the claim window, tiers' names and
// pacing, the period and tasks, each applied with the hot state; the policy's scopes decide which
// wait; a change short of prize stock says how many units are missing and changes nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { PATCH as patchActivityRoute } from '@/app/api/manage/activities/[id]/route';
import { POST as proposeRoute } from '@/app/api/manage/activities/[id]/changes/route';
import { POST as restoreRoute } from '@/app/api/manage/activities/[id]/versions/[version]/restore/route';
import { PUT as policyRoute } from '@/app/api/manage/settings/approvals/route';
import { POST as completeRoute } from '@/app/api/v1/activities/[activityId]/tasks/[taskId]/complete/route';
import { GET as meRoute } from '@/app/api/v1/activities/[activityId]/me/route';
import { db } from '@/lib/db';
import { drawKeys } from '@/lib/draw/keys';
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { createRedis } from '@/lib/redis';
import { liveActivity } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

const redis = createRedis('worker');
afterAll(async () => {
  await redis.quit();
});

const propose = (apiKey: string, activityId: string, body: object) =>
  callRoute(proposeRoute, { method: 'POST', headers: bearer(apiKey), params: { id: activityId }, body });
const me = async (token: string, activityId: string) =>
  callRoute(meRoute, { method: 'GET', headers: bearer(token), params: { activityId } });
const complete = (token: string, activityId: string, taskId: string) =>
  callRoute(completeRoute, { method: 'POST', headers: bearer(token), params: { activityId, taskId } });

async function activityWithTask() {
  return liveActivity(
    (p) => [
      { name: 'Gold', probability: 0.1, stock: 100, prizes: [{ prizeId: p[0]! }] },
      { name: 'Silver', probability: 0.2, stock: 200, prizes: [{ prizeId: p[0]! }] },
    ],
    {
      stocks: [400],
      overrides: {
        limits: { freeDrawsPerDay: 0 },
        tasks: [{ kind: 'sign_in', name: 'Sign in', chances: 1, perDay: 1 }],
        materials: { title: 'Old title', themeColor: '#112233' },
      },
    },
  );
}

describe('changes beyond odds and stock', () => {
  it('moves materials, limits, claim window, tier name and pacing live, in the records and the hot state', async () => {
    const { tenant, activity } = await activityWithTask();
    const [gold, silver] = activity.tiers.map((t) => t.id) as [string, string];
    const res = await propose(tenant.apiKey, activity.id, {
      patch: {
        name: 'Spring draw',
        materials: { title: 'New title', themeColor: null },
        claimWindowHours: 48,
        limits: { maxDrawsPerDay: 5 },
        tiers: [
          { id: gold, name: 'Grand', pacing: 'even' },
          { id: silver, segments: [{ fromHour: 0, toHour: 24, probability: 0.25 }] },
        ],
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.status).toBe('APPLIED');
    expect(res.json.diff.scopes).toEqual(['odds', 'limits', 'tiers', 'materials']);
    expect(res.json.diff.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'materials', path: 'name', before: 'Test activity', after: 'Spring draw' }),
        expect.objectContaining({ kind: 'materials', path: 'materials.themeColor', before: '#112233', after: null }),
        expect.objectContaining({ kind: 'limits', path: 'claimWindowHours', before: null, after: 48 }),
        expect.objectContaining({ kind: 'tier', scope: 'tiers', path: `tiers.${gold}.pacing`, after: 'even' }),
      ]),
    );
    const row = await db.activity.findUniqueOrThrow({ where: { id: activity.id }, include: { tiers: true } });
    expect(row).toMatchObject({ name: 'Spring draw', claimWindowHours: 48, maxDrawsPerDay: 5, configVersion: 2 });
    expect(row.materials).toEqual({ title: 'New title' });
    expect(row.tiers.find((t) => t.id === gold)).toMatchObject({ name: 'Grand', pacing: 'EVEN' });
    const [version, maxDay, view, tiers] = await redis.hmget(
      drawKeys(activity.id).cfg,
      'version',
      'maxDay',
      'view',
      'tiers',
    );
    expect([version, maxDay]).toEqual(['2', '5']);
    expect(JSON.parse(view!)).toMatchObject({ claimWindowHours: 48, tiers: { [gold]: { name: 'Grand' } } });
    expect(JSON.parse(tiers!)[0]).toMatchObject({ id: gold, pace: { st: 100 } });
    expect(JSON.parse(tiers!)[1]).toMatchObject({ id: silver, s: expect.anything() });
  });

  it('applies a materials change at once under a policy scoped to odds, while a tasks change waits', async () => {
    const { tenant, activity } = await activityWithTask();
    expect(
      (
        await callRoute(policyRoute, {
          method: 'PUT',
          headers: bearer(tenant.apiKey),
          body: { required: 1, scope: ['odds'] },
        })
      ).status,
    ).toBe(200);
    const materials = await propose(tenant.apiKey, activity.id, { patch: { materials: { rulesText: 'Be kind' } } });
    expect([materials.status, materials.json.status, materials.json.approvalsRequired]).toEqual([201, 'APPLIED', 0]);
    expect(
      (
        await callRoute(policyRoute, {
          method: 'PUT',
          headers: bearer(tenant.apiKey),
          body: { required: 1, scope: ['tasks', 'period'] },
        })
      ).status,
    ).toBe(200);
    const tasks = await propose(tenant.apiKey, activity.id, {
      patch: { tasks: [{ kind: 'share', name: 'Share', chances: 2 }] },
    });
    expect([tasks.status, tasks.json.status, tasks.json.approvalsRequired]).toEqual([201, 'PENDING', 1]);
    expect(tasks.json.diff.scopes).toEqual(['tasks']);
    expect(await db.task.count({ where: { activityId: activity.id } })).toBe(1);
    // The period PATCH of a published activity is a change too: under a policy covering period, 202.
    const endsAt = new Date(Date.now() + 48 * 3600_000).toISOString();
    const period = await callRoute(patchActivityRoute, {
      method: 'PATCH',
      headers: bearer(tenant.apiKey),
      params: { id: activity.id },
      body: { endsAt },
    });
    expect([period.status, period.json.status]).toEqual([202, 'PENDING']);
    expect(period.json.diff.entries).toEqual([expect.objectContaining({ kind: 'period', path: 'endsAt' })]);
  });

  it('a new task grants on the play page at once; a task taken out refuses completion, its chances stay', async () => {
    const { tenant, activity } = await activityWithTask();
    const token = await tenant.userToken('player-1');
    const signIn = activity.tasks[0]!.id;
    const before = await me(token, activity.id);
    expect(before.json.tasks.map((t: { name: string }) => t.name)).toEqual(['Sign in']);
    expect((await complete(token, activity.id, signIn)).status).toBe(200);

    const res = await propose(tenant.apiKey, activity.id, {
      patch: { removeTasks: [signIn], tasks: [{ kind: 'share', name: 'Share', chances: 2 }] },
    });
    expect([res.status, res.json.status]).toEqual([201, 'APPLIED']);
    const after = await me(token, activity.id);
    expect(after.json.tasks.map((t: { name: string }) => t.name)).toEqual(['Share']);
    expect(after.json.chances).toBe(1);
    const share = after.json.tasks[0].id as string;
    expect((await complete(token, activity.id, share)).json).toMatchObject({ chancesGranted: 2 });
    expect((await me(token, activity.id)).json.chances).toBe(3);

    const removed = await complete(token, activity.id, signIn);
    expect(removed.status).toBe(409);
    expect(removed.json.error.code).toBe('TASK_REMOVED');
    expect(await db.chanceGrant.count({ where: { activityId: activity.id, taskId: signIn } })).toBe(1);
  });

  it('refuses stock the pools cannot give with 409 naming each prize short, and changes nothing', async () => {
    const { tenant, activity, prizes } = await activityWithTask();
    const gold = activity.tiers[0]!.id;
    const extra = await freshTenant();
    const res = await propose(tenant.apiKey, activity.id, {
      patch: {
        tiers: [
          { id: gold, stock: 250 },
          { name: 'Bronze', probability: 0.1, stock: 10, prizes: [{ prizeId: prizes[0]!.id, quantity: 2 }] },
        ],
      },
    });
    // Held 300 for 300 wins; 250 + 200 + 20 needs 470: 170 more, and the free pool has 100.
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('INSUFFICIENT_STOCK');
    expect(res.json.error.details.prizes).toEqual([
      { prizeId: prizes[0]!.id, name: 'Prize 1', needed: 170, available: 100, missing: 70 },
    ]);
    expect(await db.change.count({ where: { activityId: activity.id } })).toBe(0);
    expect(await db.tier.count({ where: { activityId: activity.id } })).toBe(2);
    expect((await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).configVersion).toBe(1);
    expect(await reconcileActivity(activity.id)).toEqual([]);
    // Another tenant cannot change it at all.
    expect((await propose(extra.apiKey, activity.id, { patch: { name: 'x' } })).status).toBe(404);
  });

  it('restores version 1 after tasks, materials, the period and a tier changed: the same hash', async () => {
    const { tenant, activity } = await activityWithTask();
    const silver = activity.tiers[1]!.id;
    const endsAt = new Date(Date.now() + 72 * 3600_000).toISOString();
    const changed = await propose(tenant.apiKey, activity.id, {
      patch: {
        name: 'Renamed',
        endsAt,
        materials: { title: null, rulesText: 'New rules' },
        translations: { 'zh-CN': { name: '春' } },
        removeTasks: [activity.tasks[0]!.id],
        tasks: [{ kind: 'event', eventType: 'purchase', name: 'Buy', chances: 3 }],
        removeTiers: [silver],
      },
    });
    expect([changed.status, changed.json.status]).toEqual([201, 'APPLIED']);
    const restored = await callRoute(restoreRoute, {
      method: 'POST',
      headers: bearer(tenant.apiKey),
      params: { id: activity.id, version: '1' },
      body: {},
    });
    expect([restored.status, restored.json.status], JSON.stringify(restored.json)).toEqual([201, 'APPLIED']);
    const versions = await db.configVersion.findMany({
      where: { activityId: activity.id },
      orderBy: { version: 'asc' },
    });
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(versions[2]!.hash).toBe(versions[0]!.hash);
    expect(await db.task.count({ where: { activityId: activity.id, removedAt: null } })).toBe(1);
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });
});
