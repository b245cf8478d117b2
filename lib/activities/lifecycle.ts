// Scheduled status changes (issue 4 item 2): SCHEDULED → LIVE at startsAt, LIVE or PAUSED →
// ENDED at endsAt. Delayed jobs fire on time; each run re-reads the activity and changes it
// only if the change is still due and still valid, so a job that runs twice, late, after a
// worker restart or after the period was edited does the right thing once. A sweep finds
// what a lost job would have missed.
import { db } from '../db';
import { writeAuditLog } from '../audit/write-audit-log';
import { enqueue } from '../queues';
import { requestRedis } from '../redis';
import { carryToHotState, lockStateEpoch } from '../draw/write-hot-state';

const system = { type: 'SYSTEM', id: 'activity-lifecycle' } as const;
/** Draws already decided when an activity ends get this long to land before stock is counted. */
const STOCK_RETURN_DELAY_MS = 5_000;

export type Transition = 'start' | 'end';

/** Queues the activity's next transitions; jobs are keyed so scheduling twice adds nothing. */
export async function scheduleLifecycle(activityId: string, now = Date.now()) {
  const a = await db.activity.findUnique({ where: { id: activityId }, select: { status: true, startsAt: true, endsAt: true, configVersion: true } });
  if (!a) return;
  if (a.status === 'SCHEDULED') await enqueueTransition(activityId, 'start', a.startsAt.getTime(), a.configVersion, now);
  if (a.status === 'SCHEDULED' || a.status === 'LIVE' || a.status === 'PAUSED') await enqueueTransition(activityId, 'end', a.endsAt.getTime(), a.configVersion, now);
}

async function enqueueTransition(activityId: string, transition: Transition, atMs: number, configVersion: number, now: number) {
  await enqueue('activity-lifecycle', { activityId, transition, configVersion }, {
    jobId: `lifecycle-${activityId}-${transition}-${atMs}`,
    delay: Math.max(0, atMs - now),
  });
}

/** The job: apply the transition if it is due; reschedule if the period moved later. */
export async function runTransition(activityId: string, transition: Transition, now = Date.now()): Promise<'applied' | 'not-due' | 'not-applicable'> {
  const a = await db.activity.findUnique({ where: { id: activityId }, select: { tenantId: true, status: true, startsAt: true, endsAt: true, configVersion: true } });
  if (!a) return 'not-applicable';
  const from = transition === 'start' ? ['SCHEDULED'] : ['SCHEDULED', 'LIVE', 'PAUSED'];
  if (!from.includes(a.status)) return 'not-applicable';
  const due = transition === 'start' ? a.startsAt.getTime() : a.endsAt.getTime();
  if (due > now) {
    await enqueueTransition(activityId, transition, due, a.configVersion, now);
    return 'not-due';
  }
  const to = transition === 'start' ? 'LIVE' : 'ENDED';
  const epoch = await db.$transaction(async (tx) => {
    const r = await tx.activity.updateMany({
      where: { id: activityId, status: { in: from as ('SCHEDULED' | 'LIVE' | 'PAUSED')[] } },
      data: { status: to, version: { increment: 1 }, ...(to === 'ENDED' ? { endedAt: new Date(now) } : {}) },
    });
    if (r.count !== 1) return null;
    await writeAuditLog(a.tenantId, system, {
      action: `activity.${transition}`, objectType: 'Activity', objectId: activityId,
      before: { status: a.status }, after: { status: to, scheduled: true },
    }, tx);
    return lockStateEpoch(tx, activityId);
  });
  if (epoch === null) return 'not-applicable';
  await carryToHotState(await requestRedis(), activityId, epoch, { hash: 'cfg', op: 'set', fields: { status: to } });
  if (to === 'ENDED') await scheduleStockReturn(activityId);
  return 'applied';
}

export async function scheduleStockReturn(activityId: string, delayMs = STOCK_RETURN_DELAY_MS) {
  await enqueue('stock-return', { activityId }, { jobId: `stock-return-${activityId}`, delay: delayMs });
}

/** Transitions that are due but were not made (a lost delayed job): made now. */
export async function sweepLifecycle(now = Date.now()): Promise<number> {
  const due = await db.activity.findMany({
    where: {
      OR: [
        { status: 'SCHEDULED', startsAt: { lte: new Date(now) } },
        { status: { in: ['SCHEDULED', 'LIVE', 'PAUSED'] }, endsAt: { lte: new Date(now) } },
      ],
    },
    select: { id: true, endsAt: true },
    take: 500,
  });
  let applied = 0;
  for (const a of due) {
    const transition: Transition = a.endsAt.getTime() <= now ? 'end' : 'start';
    if ((await runTransition(a.id, transition, now)) === 'applied') applied++;
  }
  return applied;
}
