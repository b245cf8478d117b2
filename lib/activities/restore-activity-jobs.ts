// The per-activity delayed jobs of the lifecycle (scheduled start and end), of settling and of
// scheduled configuration changes, made again from PostgreSQL when Redis has lost them (the
// workers call this when they find their schedules gone: lib/workers/ensure-schedules.ts).
import { db } from '../db';
import { errorFields, log } from '../log';
import { restoreChangeJobs } from './schedule-change';
import { scheduleLifecycle } from './schedule-lifecycle';
import { scheduleSettle } from './schedule-settle';

const RESTORE_PAGE = 500;

/**
 * The per-activity delayed jobs that a Redis restarted empty lost with the schedules, made again
 * from PostgreSQL: every published activity's scheduled start and end (keyed jobs, so one that
 * exists is not added twice; one already due runs at once) and the settle job of every ended one
 * (which returns its unused stock once). The lifecycle and settle sweeps would find them too, but
 * up to a minute late; this puts starts and ends back on time. Throws, after trying every activity,
 * when some could not be queued (Redis still coming back): the caller tries again later.
 */
export async function restoreActivityJobs(now = Date.now()): Promise<number> {
  let restored = 0;
  let failed = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await db.activity.findMany({
      where: { status: { in: ['SCHEDULED', 'LIVE', 'PAUSED', 'ENDED'] }, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true, status: true },
      orderBy: { id: 'asc' },
      take: RESTORE_PAGE,
    });
    for (const a of page) {
      try {
        if (a.status === 'ENDED') await scheduleSettle(a.id);
        else await scheduleLifecycle(a.id, now);
        restored++;
      } catch (err) {
        failed++;
        log.warn('could not restore an activity job', { activityId: a.id, ...errorFields(err) });
      }
    }
    if (page.length < RESTORE_PAGE) break;
    cursor = page[page.length - 1]!.id;
  }
  // Scheduled configuration changes: each job keyed by its change and hash, a due one runs at once.
  try {
    restored += await restoreChangeJobs(now);
  } catch (err) {
    failed++;
    log.warn('could not restore the scheduled changes', errorFields(err));
  }
  if (failed > 0) throw new Error(`${failed} activities' jobs could not be restored (${restored} were)`);
  return restored;
}
