// Config versions through the management API: publish is version 1, every live change of odds,
// stock or period the next, each an immutable snapshot named by its content's hash; another
// tenant sees none of them; activities published before versions existed get theirs once.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PATCH as patchActivity } from '@/app/api/manage/activities/[id]/route';
import { PATCH as patchTier } from '@/app/api/manage/activities/[id]/tiers/[tierId]/route';
import { GET as listVersions } from '@/app/api/manage/activities/[id]/versions/route';
import { GET as getVersion } from '@/app/api/manage/activities/[id]/versions/[version]/route';
import { backfillConfigVersions, configHash } from '@/lib/activities/config-versions';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { endUser, liveActivity } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

const HOUR = 3_600_000;

describe('config versions', () => {
  it('records publish as version 1 and each live change as the next, with what changed', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { name: 'Gold', probability: 0.1, stock: 100, prizes: [{ prizeId: p[0]! }] },
    ]);
    const auth = bearer(tenant.apiKey);
    const tierId = activity.tiers[0]!.id;
    const versions = async () => (await callRoute(listVersions, { headers: auth, params: { id: activity.id } })).json;
    const version = (v: number | string) =>
      callRoute(getVersion, { headers: auth, params: { id: activity.id, version: String(v) } });

    expect(await versions()).toEqual([
      expect.objectContaining({ version: 1, summary: 'published', createdBy: { type: 'SYSTEM', id: 'test' } }),
    ]);

    const tier = (body: object) =>
      callRoute(patchTier, { method: 'PATCH', headers: auth, params: { id: activity.id, tierId }, body });
    expect((await tier({ probability: 0.2, stock: 150 })).status).toBe(200);
    const endsAt = new Date(new Date(activity.endsAt).getTime() + HOUR).toISOString();
    const period = await callRoute(patchActivity, {
      method: 'PATCH',
      headers: auth,
      params: { id: activity.id },
      body: { endsAt },
    });
    expect(period.status).toBe(200);
    expect((await tier({ probability: 0.1, stock: 100 })).status).toBe(200);

    const list = await versions();
    expect(list.map((v: { version: number }) => v.version)).toEqual([1, 2, 3, 4]);
    expect(list[1].summary).toBe('Gold: odds 10 % → 20 %, stock 100 → 150');
    expect(list[1].createdBy.type).toBe('API_KEY');
    expect(list[2].summary).toMatch(/^period: /);

    // Each snapshot is what was in force, and its hash is its content's.
    const v2 = (await version(2)).json;
    expect(v2.config.tiers).toEqual([
      expect.objectContaining({ id: tierId, name: 'Gold', probability: 0.2, stock: 150 }),
    ]);
    expect(v2.hash).toBe(configHash(v2.config));
    const v3 = (await version(3)).json;
    expect(new Date(v3.config.endsAt).toISOString()).toBe(endsAt);
    // Back to the same odds and stock, but a longer period: another configuration, another hash.
    expect(list[3].hash).not.toBe(list[0].hash);
    expect(list[3].hash).not.toBe(list[2].hash);
    // The activity says which version is in force.
    expect((await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).configVersion).toBe(4);

    for (const bad of ['0', '5', 'x', '1.0', '99999999999']) expect((await version(bad)).status, bad).toBe(404);
  });

  it('gives one configuration one hash, whatever order its JSON was built in', () => {
    expect(configHash({ a: 1, b: [{ y: 2, x: 1 }] })).toBe(configHash({ b: [{ x: 1, y: 2 }], a: 1 }));
    expect(configHash({ a: 1 })).not.toBe(configHash({ a: 2 }));
  });

  it("never shows one tenant's versions to another", async () => {
    const { activity } = await liveActivity((p) => [{ probability: 0.1, stock: 10, prizes: [{ prizeId: p[0]! }] }]);
    const other = bearer((await freshTenant()).apiKey);
    const list = await callRoute(listVersions, { headers: other, params: { id: activity.id } });
    expect(list.status).toBe(404);
    const one = await callRoute(getVersion, { headers: other, params: { id: activity.id, version: '1' } });
    expect(one.status).toBe(404);
    expect((await callRoute(listVersions, { params: { id: activity.id } })).status).toBe(401);
  });

  it('backfills the version in force of an activity published before versions, once', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { probability: 0.3, stock: 10, prizes: [{ prizeId: p[0]! }] },
    ]);
    const recorded = await db.configVersion.findUniqueOrThrow({
      where: { activityId_version: { activityId: activity.id, version: 1 } },
    });
    await db.configVersion.deleteMany({ where: { activityId: activity.id } });

    expect(await backfillConfigVersions()).toBeGreaterThanOrEqual(1);
    const list = (await callRoute(listVersions, { headers: bearer(tenant.apiKey), params: { id: activity.id } })).json;
    expect(list).toEqual([
      expect.objectContaining({ version: 1, hash: recorded.hash, createdBy: { type: 'SYSTEM', id: 'migration' } }),
    ]);
    const again = await backfillConfigVersions();
    expect(await db.configVersion.count({ where: { activityId: activity.id } })).toBe(1);
    expect(again).toBeGreaterThanOrEqual(0);
  });

  it('records on each draw the version that decided it', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ name: 'Gold', probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 10 } } },
    );
    const draw = async () => (await executeDraw(endUser(tenant, 'v'), activity.id, randomUUID())).drawId;
    const before = await draw();
    const patched = await callRoute(patchTier, {
      method: 'PATCH',
      headers: bearer(tenant.apiKey),
      params: { id: activity.id, tierId: activity.tiers[0]!.id },
      body: { probability: 0.25 },
    });
    expect(patched.status).toBe(200);
    const after = await draw();
    const versionOf = async (id: string) =>
      (await db.draw.findUniqueOrThrow({ where: { id }, select: { configVersion: true } })).configVersion;
    expect(await versionOf(before)).toBe(1);
    expect(await versionOf(after)).toBe(2);
  });
});
