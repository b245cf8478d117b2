// The delayed job that applies a SCHEDULED change at its applyAt. Named by the change and its
// hash, so queueing one twice adds nothing; the job re-reads the change when it runs and applies
// it only while it is still SCHEDULED with that hash and due (lib/activities/run-scheduled-change.ts).
import { db } from '../db';
import { enqueue } from '../queues';

export async function scheduleChange(
  change: { id: string; tenantId: string; hash: string; applyAt: Date | null },
  now = Date.now(),
) {
  const atMs = change.applyAt?.getTime() ?? now;
  await enqueue(
    'apply-change',
    { tenantId: change.tenantId, changeId: change.id },
    { jobId: `change-${change.id}-${change.hash.slice(0, 16)}`, delay: Math.max(0, atMs - now) },
  );
}

/** Every SCHEDULED change's job made again from PostgreSQL (a Redis restarted empty lost them). */
export async function restoreChangeJobs(now = Date.now()): Promise<number> {
  const scheduled = await db.change.findMany({
    where: { status: 'SCHEDULED' },
    select: { id: true, tenantId: true, hash: true, applyAt: true },
  });
  for (const c of scheduled) await scheduleChange(c, now);
  return scheduled.length;
}
