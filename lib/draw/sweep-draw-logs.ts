// The draw-log queue's two repeating passes, which cost nothing for an activity nobody draws in:
// - the sweep (every second) takes the activities the draw script marked since the last sweep
//   (lib/draw/lua/draw-batch-v.lua) and drains each (lib/draw/drain-draw-log.ts). One whose
//   stream still holds entries afterwards (its last DRAIN_GRACE_MS, or more than one drain
//   takes) stays marked for the next sweep. A drained activity is marked for the passes that
//   read its draws (stats, reconciliation, odds).
// - the full pass (every few minutes) marks every activity whose stream is not empty (one XLEN
//   each): what a sweeper that died between taking and draining, or a Redis that lost the set,
//   left behind.
import { ENDED_STATUSES } from '../activity-status';
import { db } from '../db';
import { errorFields, log } from '../log';
import type { Redis } from '../redis';
import { AFTER_DRAWS, markDirty, takeDirty } from '../workers/dirty-activities';
import { drainDrawLog } from './drain-draw-log';
import { drawKeys } from './keys';

/**
 * The sweep leaves the last moments of the stream to the web processes committing them: taken
 * by both, a draw costs PostgreSQL a second write and its request a lookup. A draw whose process
 * died is still written, this much later.
 */
export const DRAIN_GRACE_MS = 2_000;
/** Activities drained at once by one sweep. */
const SWEEP_CONCURRENCY = 4;
/** An ended activity's stream is checked this long after its end, settled or not. */
const AFTER_END_MS = 86400_000;
const XLEN_BATCH = 1_000;

export type SweepResult = { taken: number; drained: number; stillDirty: number };

/** The sweep: drains the marked activities; a failed or unfinished drain keeps its mark. */
export async function sweepDirtyDrawLogs(redis: Redis, now = Date.now()): Promise<SweepResult> {
  const taken = await takeDirty(redis, 'draw-log');
  const drained: string[] = [];
  const stillDirty: string[] = [];
  let next = 0;
  const drainNext = async () => {
    for (let id = taken[next++]; id !== undefined; id = taken[next++]) {
      try {
        const { backlog } = await drainDrawLog(redis, id, { olderThanMs: DRAIN_GRACE_MS, now });
        drained.push(id);
        if (backlog > 0) stillDirty.push(id);
      } catch (err) {
        stillDirty.push(id);
        log.warn('draw-log drain failed', { activityId: id, ...errorFields(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: SWEEP_CONCURRENCY }, drainNext));
  await markDirty(redis, stillDirty, ['draw-log']);
  await markDirty(redis, drained, AFTER_DRAWS);
  return { taken: taken.length, drained: drained.length, stillDirty: stillDirty.length };
}

/** The full pass: marks every activity that may hold draws in its stream and does. */
export async function markStreamsWithBacklog(redis: Redis, now = Date.now()): Promise<number> {
  const activities = await db.activity.findMany({
    where: {
      OR: [
        { status: { in: ['SCHEDULED', 'LIVE', 'PAUSED', 'ENDED'] } },
        { status: { in: [...ENDED_STATUSES] }, endedAt: { gte: new Date(now - AFTER_END_MS) } },
      ],
    },
    select: { id: true },
  });
  const withBacklog: string[] = [];
  for (let i = 0; i < activities.length; i += XLEN_BATCH) {
    const ids = activities.slice(i, i + XLEN_BATCH).map((a) => a.id);
    const p = redis.pipeline();
    for (const id of ids) p.xlen(drawKeys(id).stream);
    const lengths = (await p.exec()) ?? [];
    ids.forEach((id, j) => {
      const [err, length] = lengths[j] ?? [];
      if (err || Number(length) > 0) withBacklog.push(id);
    });
  }
  await markDirty(redis, withBacklog, ['draw-log']);
  return withBacklog.length;
}
