// The draw-log sweep and its full pass, with a sweeper that dies between taking its marks and
// draining. Among the fault tests because the marks are one set per deployment: a workers process
// running beside these tests (as other integration tests start one) would take them first.
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import { activityMeta } from '@/lib/draw/activity-state';
import { drainDrawLog } from '@/lib/draw/drain-draw-log';
import { decideDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { localDay } from '@/lib/draw/local-day';
import { markStreamsWithBacklog, sweepDirtyDrawLogs } from '@/lib/draw/sweep-draw-logs';
import { createRedis } from '@/lib/redis';
import { AFTER_DRAWS, dirtyKey, takeDirty, type DirtyPass } from '@/lib/workers/dirty-activities';
import { endUser, liveActivity } from '../../helpers/activities';

const redis = createRedis('worker');
afterAll(() => redis.quit());

const marked = async (activityId: string, pass: DirtyPass = 'draw-log') =>
  (await redis.sismember(dirtyKey(pass), activityId)) === 1;

async function oneDraw(activityId: string, tenant: { id: string; slug: string }, userId: string, now = Date.now()) {
  const meta = (await activityMeta(redis, activityId))!;
  const decided = await decideDraw({
    redis,
    activityId,
    meta,
    user: endUser(tenant, userId),
    key: randomUUID(),
    day: localDay(meta.timezone, now),
    now,
  });
  if (decided.kind !== 'ok') throw new Error(`draw refused: ${JSON.stringify(decided)}`);
  return decided.record.d;
}

describe('the draw-log sweep', () => {
  it('drains only what a draw marked, and keeps it marked while its stream holds the last two seconds', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { probability: 0.5, stock: 5, prizes: [{ prizeId: p[0]! }] },
    ]);
    const { activity: idle } = await liveActivity((p) => [
      { probability: 0.5, stock: 5, prizes: [{ prizeId: p[0]! }] },
    ]);
    for (const pass of AFTER_DRAWS) await redis.srem(dirtyKey(pass), activity.id, idle.id);
    expect(await marked(activity.id)).toBe(false);
    expect(await marked(idle.id)).toBe(false);

    // Decided, not committed: as if its web process were still at it, or had died.
    const now = Date.now();
    const drawId = await oneDraw(activity.id, tenant, 'pending', now);
    expect(await marked(activity.id)).toBe(true);
    expect(await marked(idle.id)).toBe(false);

    await sweepDirtyDrawLogs(redis, now + 1_000);
    expect(await db.draw.findUnique({ where: { id: drawId } })).toBeNull();
    expect(await redis.xlen(drawKeys(activity.id).stream)).toBe(1);
    expect(await marked(activity.id)).toBe(true);

    await sweepDirtyDrawLogs(redis, now + 3_000);
    expect(await db.draw.findUnique({ where: { id: drawId } })).not.toBeNull();
    expect(await redis.xlen(drawKeys(activity.id).stream)).toBe(0);
    expect(await marked(activity.id)).toBe(false);
    // What reads the draws looks at it next; the idle activity is marked for nothing.
    for (const pass of AFTER_DRAWS) expect([pass, await marked(activity.id, pass)]).toEqual([pass, true]);
    for (const pass of AFTER_DRAWS) expect([pass, await marked(idle.id, pass)]).toEqual([pass, false]);
  });

  it('finds, in the full pass, a stream whose mark was taken by a sweeper that died before draining it', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { probability: 0.5, stock: 5, prizes: [{ prizeId: p[0]! }] },
    ]);
    const drawId = await oneDraw(activity.id, tenant, 'orphan');
    const afterGrace = Date.now() + 3_000;
    // The dying sweeper's take: the mark is gone, the entry is still in the stream.
    const taken = await takeDirty(redis, 'draw-log');
    expect(taken).toContain(activity.id);
    await sweepDirtyDrawLogs(redis, afterGrace);
    expect(await db.draw.findUnique({ where: { id: drawId } })).toBeNull();

    expect(await markStreamsWithBacklog(redis)).toBeGreaterThanOrEqual(1);
    expect(await marked(activity.id)).toBe(true);
    await sweepDirtyDrawLogs(redis, afterGrace);
    expect(await db.draw.findUnique({ where: { id: drawId } })).not.toBeNull();
    expect(await redis.xlen(drawKeys(activity.id).stream)).toBe(0);
    // Other marks this take removed (other tests' activities) are found the same way.
    await markStreamsWithBacklog(redis);
  });

  it('a settling drain (end of activity, fixed winners) takes everything at once', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { probability: 0.5, stock: 5, prizes: [{ prizeId: p[0]! }] },
    ]);
    const drawId = await oneDraw(activity.id, tenant, 'late');
    expect(await drainDrawLog(redis, activity.id)).toMatchObject({ persisted: 1, backlog: 0 });
    expect(await db.draw.findUnique({ where: { id: drawId } })).not.toBeNull();
  });
});
