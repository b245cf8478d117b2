// The deliveries queue's safety net, from PostgreSQL: queues every delivery whose attempt is due
// and not queued (the commit's own dispatch failed, a sender was killed mid-send and its lease
// ended, Redis lost the delayed jobs), and gives up those older than their window.
import { nowMs } from '../clock';
import { db } from '../db';
import { enqueue } from '../queues';
import { deliveryJobId } from './emit-event';

const BATCH = 500;

export async function sweepDeliveries(): Promise<{ queued: number; expired: number }> {
  const now = new Date(nowMs());
  const expired = await db.webhookDelivery.updateMany({
    where: { status: 'PENDING', expiresAt: { lte: now } },
    data: { status: 'FAILED', lastError: 'not delivered within 24 hours' },
  });
  const due = await db.webhookDelivery.findMany({
    where: { status: 'PENDING', nextAttemptAt: { lte: now }, endpoint: { enabled: true } },
    select: { id: true, attempts: true },
    orderBy: { nextAttemptAt: 'asc' },
    take: BATCH,
  });
  // Its own job id per attempt: the attempt's regular job may have run before its time and found
  // nothing to do; whichever of the two claims the attempt first makes it.
  for (const d of due)
    await enqueue(
      'deliveries',
      { deliveryId: d.id },
      { jobId: `${deliveryJobId(d.id, d.attempts)}-sweep`, attempts: 3 },
    );
  return { queued: due.length, expired: expired.count };
}
