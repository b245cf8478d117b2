// The apply-change job: a SCHEDULED change applied at its time, once. The job re-reads the
// change: one edited, cancelled or applied meanwhile is left alone, one not yet due (a clock
// behind) is queued again for its time. A base that moved marks it CONFLICT; one that can no
// longer apply (the activity ended, a tier below its issued wins, a pool short) is CANCELLED
// with the reason. Anything else (Redis or PostgreSQL away) is retried.
import type { Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';
import { applyChange } from './apply-change';
import { restoreChangeJobs, scheduleChange } from './schedule-change';

const SCHEDULER: Actor = { type: 'SYSTEM', id: 'scheduler' };
/** Errors of a moment: the job is tried again. */
const RETRIED = new Set(['SERVICE_UNAVAILABLE', 'ACTIVITY_REBUILDING']);

export async function runScheduledChange(tenantId: string, changeId: string): Promise<string> {
  const change = await db.change.findFirst({
    where: { id: changeId, tenantId },
    select: { id: true, tenantId: true, status: true, hash: true, applyAt: true },
  });
  if (!change || change.status !== 'SCHEDULED') return change ? change.status.toLowerCase() : 'gone';
  if (change.applyAt && change.applyAt.getTime() > Date.now()) {
    await scheduleChange(change);
    return 'not due';
  }
  try {
    return (await applyChange(tenantId, change.id, SCHEDULER)).status.toLowerCase();
  } catch (err) {
    if (!(err instanceof AppError) || RETRIED.has(err.code)) throw err;
    if (err.code === 'CONFLICT') {
      const now = await db.change.findUniqueOrThrow({ where: { id: change.id }, select: { status: true } });
      // Marked CONFLICT: its base moved. Otherwise the live state was catching up: try again.
      if (now.status === 'CONFLICT') return 'conflict';
      throw err;
    }
    await db.change.updateMany({
      where: { id: change.id, status: 'SCHEDULED' },
      data: { status: 'CANCELLED', closedByType: 'SYSTEM', closedById: SCHEDULER.id, closedReason: err.message },
    });
    return 'cancelled';
  }
}

/** The sweep: SCHEDULED changes whose jobs were lost are queued again (a due one runs at once). */
export async function sweepScheduledChanges(): Promise<number> {
  return restoreChangeJobs();
}
