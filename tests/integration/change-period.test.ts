// Moving an activity's period: the draw enforces the new period at once, the
// scheduled transitions follow it (the old job does nothing, the new one acts once), and what
// must never happen is refused: a started activity un-started, an ended one reopened.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PATCH } from '@/app/api/manage/activities/[id]/route';
import { createActivity } from '@/lib/activities/create-activity';
import { runTransition } from '@/lib/activities/lifecycle';
import { publishActivity } from '@/lib/activities/publish-activity';
import { changeActivityStatus } from '@/lib/activities/change-status';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { closeQueues, getQueue } from '@/lib/queues';
import { applyGrantsToRedis } from '@/lib/tasks/grant-chances';
import { requestRedis } from '@/lib/redis';
import { createPrizes, endUser, liveActivity, specFor, testActor } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

afterAll(() => closeQueues());

const patch = (apiKey: string, id: string, body: object) =>
  callRoute(PATCH, { method: 'PATCH', headers: bearer(apiKey), body, params: { id } });
const iso = (ms: number) => new Date(ms).toISOString();

describe('changing the period', () => {
  it('of a live activity: the draw enforces the new end at once and the end job follows it', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0, stock: 1, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 5 } } },
    );
    const user = endUser(tenant, 'early-bird');
    await executeDraw(user, activity.id, randomUUID());
    const userKey = drawKeys(activity.id).user('early-bird');
    const redis = await requestRedis();
    const ttlBefore = await redis.ttl(userKey);

    // Later by 30 days: users' counters must outlive the new end, not the old one.
    const later = Date.parse(activity.endsAt) + 30 * 86400_000;
    const res = await patch(tenant.apiKey, activity.id, { endsAt: iso(later) });
    expect(res.status).toBe(200);
    expect(res.json.endsAt).toBe(iso(later));
    expect(await redis.ttl(userKey)).toBeGreaterThan(ttlBefore + 29 * 86400);
    const endJob = await getQueue('activity-lifecycle').getJob(`lifecycle-${activity.id}-end-${later}`);
    expect(endJob?.data).toMatchObject({ activityId: activity.id, transition: 'end' });

    // Earlier: a draw after the new end is refused by the hot state, not by PostgreSQL.
    const soon = Date.now() + 60_000;
    expect((await patch(tenant.apiKey, activity.id, { endsAt: iso(soon) })).status).toBe(200);
    await expect(executeDraw(user, activity.id, randomUUID(), { now: soon + 1 })).rejects.toMatchObject({
      code: 'ACTIVITY_NOT_LIVE',
    });
    expect((await executeDraw(user, activity.id, randomUUID(), { now: soon - 1_000 })).outcome).toBe('lose');

    // The job queued for the later end fires late and changes nothing early; the new one ends it once.
    expect(await runTransition(activity.id, 'end', soon - 1)).toBe('not-due');
    expect(await runTransition(activity.id, 'end', soon + 1)).toBe('applied');
    expect(await runTransition(activity.id, 'end', later + 1)).toBe('not-applicable');
    expect(await db.auditLog.count({ where: { objectId: activity.id, action: 'activity.end' } })).toBe(1);
    const audits = await db.auditLog.findMany({
      where: { objectId: activity.id, action: 'activity.period' },
      orderBy: { id: 'asc' },
    });
    expect(audits.map((a) => (a.after as { endsAt: string }).endsAt)).toEqual([iso(later), iso(soon)]);
  });

  it('of a live activity: a later end reaches its own users only, without scanning the keyspace', async () => {
    const spec = (p: string[]) => [{ probability: 0, stock: 1, prizes: [{ prizeId: p[0]! }] }];
    const { tenant, activity } = await liveActivity(spec, { overrides: { limits: { freeDrawsPerDay: 5 } } });
    const other = await liveActivity(spec, { overrides: { limits: { freeDrawsPerDay: 5 } } });
    const redis = await requestRedis();
    const k = drawKeys(activity.id);
    for (const userId of ['ann', 'bob']) await executeDraw(endUser(tenant, userId), activity.id, randomUUID());
    await executeDraw(endUser(other.tenant, 'ann'), other.activity.id, randomUUID());
    // A hash written before the draw kept the users set: its next draw puts it there.
    await redis.srem(k.users, 'bob');
    await executeDraw(endUser(tenant, 'bob'), activity.id, randomUUID());
    // Granted chances alone make a user too.
    const stateEpoch = Number(await redis.hget(k.cfg, 'epoch'));
    await applyGrantsToRedis([{ tenantId: tenant.id, activityId: activity.id, userId: 'cid', chances: 2, stateEpoch }]);
    expect((await redis.smembers(k.users)).sort()).toEqual(['ann', 'bob', 'cid']);
    const otherKey = drawKeys(other.activity.id).user('ann');
    const otherExpiry = await redis.expiretime(otherKey);

    const scan = vi.spyOn(redis, 'scan');
    try {
      const later = Date.parse(activity.endsAt) + 30 * 86400_000;
      expect((await patch(tenant.apiKey, activity.id, { endsAt: iso(later) })).status).toBe(200);
      const keepUntil = Math.floor(later / 1000) + 7 * 86400;
      for (const key of [k.user('ann'), k.user('bob'), k.user('cid'), k.users])
        expect(await redis.expiretime(key)).toBe(keepUntil);
      expect(await redis.expiretime(otherKey)).toBe(otherExpiry);
      expect(scan).not.toHaveBeenCalled();
    } finally {
      scan.mockRestore();
    }
  });

  it('of a scheduled activity: moved to start now, it goes live by its start job', async () => {
    const t = await freshTenant();
    const [prize] = await createPrizes(t.id, [10]);
    const draft = await createActivity(
      t.id,
      testActor,
      specFor([{ probability: 0.5, stock: 5, prizes: [{ prizeId: prize!.id }] }], {
        startsAt: iso(Date.now() + 3600_000),
        endsAt: iso(Date.now() + 7200_000),
      }),
    );
    expect((await publishActivity(t.id, testActor, draft.id)).status).toBe('SCHEDULED');
    const now = Date.now();
    expect((await patch(t.apiKey, draft.id, { startsAt: iso(now) })).status).toBe(200);
    expect(await getQueue('activity-lifecycle').getJob(`lifecycle-${draft.id}-start-${now}`)).toBeTruthy();
    expect(await runTransition(draft.id, 'start', now + 1)).toBe('applied');
    expect((await executeDraw(endUser(t, 'u'), draft.id, randomUUID())).drawId).toBeTruthy();
  });

  it('refuses what would rewrite history, names the field, and changes nothing', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { probability: 0.5, stock: 5, prizes: [{ prizeId: p[0]! }] },
    ]);
    const before = await db.activity.findUniqueOrThrow({ where: { id: activity.id } });
    const unstart = await patch(tenant.apiKey, activity.id, { startsAt: iso(Date.now() + 3600_000) });
    expect(unstart.status).toBe(400);
    expect(unstart.json.error.details.issues[0].path).toBe('startsAt');
    const past = await patch(tenant.apiKey, activity.id, { endsAt: iso(Date.now() - 1_000) });
    expect(past.status).toBe(400);
    const backwards = await patch(tenant.apiKey, activity.id, { endsAt: iso(Date.parse(activity.startsAt) - 1) });
    expect(backwards.status).toBe(400);
    expect((await patch(tenant.apiKey, activity.id, { name: 'x' })).status).toBe(400);
    expect((await patch(tenant.apiKey, activity.id, {})).status).toBe(400);
    const other = await freshTenant();
    expect((await patch(other.apiKey, activity.id, { endsAt: iso(Date.now() + 3600_000) })).status).toBe(404);
    expect(await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).toEqual(before);

    await changeActivityStatus(tenant.id, testActor, { activityId: activity.id, transition: 'end' });
    const reopened = await patch(tenant.apiKey, activity.id, { endsAt: iso(Date.now() + 3600_000) });
    expect(reopened.status).toBe(409);
    expect(reopened.json.error.code).toBe('INVALID_STATE');
  });
});
