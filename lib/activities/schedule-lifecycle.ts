// The delayed jobs of a published activity's scheduled start and end (lib/activities/lifecycle.ts
// runs them). A job is named by its activity, transition and time, so queueing one twice adds
// nothing, and a job queued for a time the period has since left still fires, re-reads the
// activity and does nothing. Each job's id is also kept in a set beside the queue, so settling
// the activity can take away every job it still has (retireLifecycle), whatever times they carry.
import { db } from '../db';
import { enqueue, getQueue } from '../queues';
import { key, requestRedis } from '../redis';
import { nowMs } from '../clock';

export type Transition = 'start' | 'end';

/** The set of the activity's job ids outlives its period by this long (a late job, a late settle). */
const JOB_IDS_TTL_SECONDS = 30 * 86400;

const jobIdsKey = (activityId: string) => key('lifecycle-jobs', activityId);

/** Queues the activity's next transitions; jobs are keyed so scheduling twice adds nothing. */
export async function scheduleLifecycle(activityId: string, now = nowMs()) {
  const a = await db.activity.findUnique({
    where: { id: activityId },
    select: { status: true, startsAt: true, endsAt: true, configVersion: true },
  });
  if (!a) return;
  const job = { activityId, configVersion: a.configVersion, now };
  if (a.status === 'SCHEDULED') await enqueueTransition({ ...job, transition: 'start', atMs: a.startsAt.getTime() });
  if (a.status === 'SCHEDULED' || a.status === 'LIVE' || a.status === 'PAUSED') {
    await enqueueTransition({ ...job, transition: 'end', atMs: a.endsAt.getTime() });
  }
}

export async function enqueueTransition({
  activityId,
  transition,
  atMs,
  configVersion,
  now,
}: {
  activityId: string;
  transition: Transition;
  atMs: number;
  configVersion: number;
  now: number;
}) {
  const jobId = `lifecycle-${activityId}-${transition}-${atMs}`;
  // Remembered before it is queued: an id without its job is harmless, a job without its id is not.
  const redis = await requestRedis();
  const expireAt = Math.floor(atMs / 1000) + JOB_IDS_TTL_SECONDS;
  await redis
    .multi()
    .sadd(jobIdsKey(activityId), jobId)
    .expireat(jobIdsKey(activityId), expireAt, 'NX')
    .expireat(jobIdsKey(activityId), expireAt, 'GT')
    .exec();
  await enqueue(
    'activity-lifecycle',
    { activityId, transition, configVersion },
    { jobId, delay: Math.max(0, atMs - now) },
  );
}

/** Takes away the activity's delayed start and end jobs; one already running finds nothing to do. */
export async function retireLifecycle(activityId: string): Promise<number> {
  const redis = await requestRedis();
  const jobIds = await redis.smembers(jobIdsKey(activityId));
  const queue = getQueue('activity-lifecycle');
  let removed = 0;
  for (const jobId of jobIds) removed += await queue.remove(jobId);
  if (jobIds.length) await redis.srem(jobIdsKey(activityId), ...jobIds);
  return removed;
}
