// win.created for wins made outside the draw's commit statement (fixed winners, a held win
// approved), and the status a virtual or points win starts in. The draw's statement does the same
// in SQL (lib/draw/commit-draws.ts).
import type { Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { dispatchDeliveries, emitEvent } from './emit-event';

type Tx = Pick<Prisma.TransactionClient, 'webhookEndpoint' | 'webhookDelivery' | 'tenant'>;

/**
 * The status of a win that needs no address: a virtual or points win waits for the host app
 * (PENDING_DELIVERY) when the tenant has an enabled fulfilment endpoint for win.created; otherwise,
 * and for coupons (the code is the delivery), it is delivered at once.
 */
export async function undeliveredWinStatus(
  tx: Pick<Prisma.TransactionClient, 'webhookEndpoint'>,
  tenantId: string,
  prizeKind: string,
): Promise<'PENDING_DELIVERY' | 'DELIVERED'> {
  if (prizeKind !== 'VIRTUAL' && prizeKind !== 'POINTS') return 'DELIVERED';
  const fulfilment = await tx.webhookEndpoint.count({
    where: { tenantId, enabled: true, fulfilment: true, events: { has: 'win.created' } },
  });
  return fulfilment > 0 ? 'PENDING_DELIVERY' : 'DELIVERED';
}

/** Emits win.created for each win (once per win, whoever asks again); its body is built at the first attempt. */
export async function emitWinCreated(tx: Tx, tenantId: string, winIds: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const winId of winIds)
    ids.push(...(await emitEvent(tx, { tenantId, type: 'win.created', subjectId: winId, oncePerSubject: true })));
  return ids;
}

/** Queues the pending win.created deliveries of these wins (after their transaction committed). */
export async function dispatchWinCreated(tenantId: string, winIds: string[]): Promise<void> {
  if (winIds.length === 0) return;
  const pending = await db.webhookDelivery.findMany({
    where: { tenantId, type: 'win.created', subjectId: { in: winIds }, status: 'PENDING', attempts: 0 },
    select: { id: true },
  });
  await dispatchDeliveries(pending.map((d) => d.id));
}
