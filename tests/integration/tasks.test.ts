// POST /api/v1/activities/{id}/tasks/{taskId}/complete: caps hold under concurrency, every
// ledger row reaches Redis exactly once, and a rebuild recomputes the same figure.
import { describe, expect, it } from 'vitest';
import { POST as complete } from '@/app/api/v1/activities/[activityId]/tasks/[taskId]/complete/route';
import { GET as me } from '@/app/api/v1/activities/[activityId]/me/route';
import { POST as draw } from '@/app/api/v1/activities/[activityId]/draws/route';
import { POST as pause } from '@/app/api/manage/activities/[id]/pause/route';
import { db } from '@/lib/db';
import { drawKeys } from '@/lib/draw/keys';
import { rebuildActivityState } from '@/lib/draw/rebuild-activity';
import { createRedis } from '@/lib/redis';
import { liveActivity } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

const tasksSpec = [
  { kind: 'sign_in' as const, name: 'Daily check-in', chances: 2, perDay: 3 },
  { kind: 'share' as const, name: 'Share', chances: 1, perDay: 5, total: 2 },
  { kind: 'event' as const, eventType: 'post_created', name: 'Post', chances: 1, perDay: 3 },
];

async function setUp() {
  const live = await liveActivity((p) => [{ probability: 0.5, stock: 1000, prizes: [{ prizeId: p[0]! }] }], {
    overrides: { limits: { freeDrawsPerDay: 0 }, tasks: tasksSpec },
  });
  const tasks = await db.task.findMany({
    where: { activityId: live.activity.id },
    orderBy: { position: 'asc' },
    select: { id: true },
  });
  return { ...live, signIn: tasks[0]!.id, share: tasks[1]!.id, event: tasks[2]!.id };
}

const run = (activityId: string, taskId: string, token: string) =>
  callRoute(complete, { method: 'POST', headers: bearer(token), params: { activityId, taskId } });
const grantedInRedis = async (activityId: string, userId: string) => {
  const redis = createRedis('worker');
  try {
    return Number((await redis.hget(drawKeys(activityId).user(userId), 'granted')) ?? 0);
  } finally {
    redis.disconnect();
  }
};

describe('POST /api/v1/activities/[id]/tasks/[taskId]/complete', () => {
  it('holds the per-day cap under 50 concurrent completions and counts each grant once in Redis', async () => {
    const { tenant, activity, signIn } = await setUp();
    const token = await tenant.userToken('ann');
    const replies = await Promise.all(Array.from({ length: 50 }, () => run(activity.id, signIn, token)));
    const ok = replies.filter((r) => r.status === 200);
    expect(ok).toHaveLength(3);
    expect(replies.filter((r) => r.status === 409).every((r) => r.json.error.code === 'TASK_CAP_REACHED')).toBe(true);
    expect(replies.filter((r) => r.status !== 200 && r.status !== 409)).toEqual([]);
    expect(ok.map((r) => r.json.doneToday).sort()).toEqual([1, 2, 3]);
    expect(await db.chanceGrant.count({ where: { activityId: activity.id, userId: 'ann' } })).toBe(3);
    expect(await grantedInRedis(activity.id, 'ann')).toBe(6);

    const state = (await callRoute(me, { headers: bearer(token), params: { activityId: activity.id } })).json;
    expect(state.chances).toBe(6);
    expect(state.tasks[0]).toMatchObject({ id: signIn, doneToday: 3, remainingToday: 0 });
    // The granted chances are real: the draw engine spends them.
    const drew = await callRoute(draw, {
      method: 'POST',
      headers: { ...bearer(token), 'idempotency-key': 'k1' },
      params: { activityId: activity.id },
    });
    expect(drew.status).toBe(200);
    expect(drew.json.chancesLeft).toBe(5);
  });

  it('holds the total cap under 50 concurrent completions', async () => {
    const { tenant, activity, share } = await setUp();
    const token = await tenant.userToken('bob');
    const replies = await Promise.all(Array.from({ length: 50 }, () => run(activity.id, share, token)));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(2);
    expect(await db.chanceGrant.count({ where: { taskId: share, userId: 'bob' } })).toBe(2);
    expect(await grantedInRedis(activity.id, 'bob')).toBe(2);
  });

  it('a rebuild of lost hot state restores granted from the ledger, not twice', async () => {
    const { tenant, activity, signIn, share } = await setUp();
    const token = await tenant.userToken('cat');
    await run(activity.id, signIn, token);
    await run(activity.id, share, token);
    const redis = createRedis('worker');
    await redis.del(drawKeys(activity.id).cfg, drawKeys(activity.id).user('cat'));
    // While the state is missing a grant goes to the ledger only; the rebuild counts it.
    expect((await run(activity.id, signIn, token)).status).toBe(200);
    expect(await rebuildActivityState(redis, activity.id, { graceMs: 0 })).toBe('rebuilt');
    expect(Number(await redis.hget(drawKeys(activity.id).user('cat'), 'granted'))).toBe(5);
    expect((await run(activity.id, share, token)).status).toBe(200);
    expect(Number(await redis.hget(drawKeys(activity.id).user('cat'), 'granted'))).toBe(6);
    redis.disconnect();
  });

  it('refuses event tasks, paused activities and other tenants, granting nothing', async () => {
    const { tenant, activity, signIn, event } = await setUp();
    const token = await tenant.userToken('dan');
    const byEvent = await run(activity.id, event, token);
    expect([byEvent.status, byEvent.json.error.code]).toEqual([409, 'INVALID_STATE']);
    const stranger = await freshTenant();
    const foreign = await run(activity.id, signIn, await stranger.userToken('dan'));
    expect([foreign.status, foreign.json.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(
      (await callRoute(pause, { method: 'POST', headers: bearer(tenant.apiKey), params: { id: activity.id } })).status,
    ).toBe(200);
    const paused = await run(activity.id, signIn, token);
    expect([paused.status, paused.json.error.code]).toEqual([409, 'ACTIVITY_NOT_LIVE']);
    expect(await db.chanceGrant.count({ where: { activityId: activity.id } })).toBe(0);
  });
});
