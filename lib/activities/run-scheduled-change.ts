// The apply-change job: a SCHEDULED change applied at its time, once. The job re-reads the
// change: one edited, cancelled or applied meanwhile is left alone, one not yet due (a clock
// behind) is queued again for its time. A base that moved marks it CONFLICT (no retry).
import { UnrecoverableError } from 'bullmq';
import type { Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';
import { applyChange } from './apply-change';
import { restoreChangeJobs, scheduleChange } from './schedule-change';

const SCHEDULER: Actor = { type: 'SYSTEM', id: 'scheduler' };

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
    if (err instanceof AppError && err.code !== 'SERVICE_UNAVAILABLE' && err.code !== 'ACTIVITY_REBUILDING') {
      throw new UnrecoverableError(err.message);
    }
    throw err;
  }
}

/** The sweep: SCHEDULED changes whose jobs were lost are queued again (a due one runs at once). */
export async function sweepScheduledChanges(): Promise<number> {
  return restoreChangeJobs();
}
