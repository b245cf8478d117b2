// The settle job of an ended activity (lib/activities/settle-activity.ts): one job id per
// activity, so however many times it is queued it is one job. Reaching ENDED queues it; the
// sweep queues it again for an activity still not settled well after its end (a job lost, or
// failed for good).
import { db } from '../db';
import { errorFields, log } from '../log';
import { enqueue, getQueue } from '../queues';
import { nowMs } from '../clock';

/** Draws already decided when an activity ends get this long to land before it is settled. */
const SETTLE_DELAY_MS = 5_000;
/** The sweep leaves an ended activity to its job this long (its retries included) before it steps in. */
const SWEEP_AFTER_END_MS = 60_000;
const SWEEP_PAGE = 500;

export const settleJobId = (activityId: string) => `settle-${activityId}`;

export async function scheduleSettle(activityId: string, { delayMs = SETTLE_DELAY_MS }: { delayMs?: number } = {}) {
  const jobId = settleJobId(activityId);
  const job = await getQueue('settle').getJob(jobId);
  // A job that gave up is tried again; a finished one makes room for the new one (BullMQ keeps it under its id).
  if (job && (await job.isFailed())) {
    await job.retry('failed');
    return;
  }
  if (job && (await job.isCompleted())) await job.remove();
  await enqueue('settle', { activityId }, { jobId, delay: delayMs });
}

/** The sweep: every ended activity long past its end and still not settled gets its job again. */
export async function requeueUnsettled(now = nowMs()): Promise<number> {
  let queued = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await db.activity.findMany({
      where: {
        status: 'ENDED',
        endedAt: { lte: new Date(now - SWEEP_AFTER_END_MS) },
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: SWEEP_PAGE,
    });
    for (const { id } of page) {
      try {
        await scheduleSettle(id, { delayMs: 0 });
        queued++;
      } catch (err) {
        log.warn('settle sweep could not queue an activity', { activityId: id, ...errorFields(err) });
      }
    }
    if (page.length < SWEEP_PAGE) return queued;
    cursor = page[page.length - 1]!.id;
  }
}
