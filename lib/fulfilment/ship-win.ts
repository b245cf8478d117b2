// An operator marks a claimed physical prize as shipped, with the carrier and tracking number
// (correctable while it is SHIPPED). The host app hears of it, and of each correction, by win.shipped.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import { dispatchDeliveries, emitEvent } from '../webhooks/emit-event';
import { forgetUserRecords } from '../read-cache/user-records-cache';
import type { ShipWin } from './schemas';

export type ShippedWin = { id: string; status: 'SHIPPED'; carrier: string; trackingNumber: string; shippedAt: string };

export async function shipWin(tenantId: string, actor: Actor, winId: string, shipment: ShipWin): Promise<ShippedWin> {
  const win = isUuid(winId)
    ? await db.win.findFirst({
        where: { id: winId, tenantId },
        select: {
          status: true,
          activityId: true,
          userId: true,
          carrier: true,
          trackingNumber: true,
          shippedAt: true,
          prize: { select: { kind: true } },
        },
      })
    : null;
  if (!win) throw new AppError('NOT_FOUND', `win ${winId} not found`);
  if (win.prize.kind !== 'PHYSICAL') throw new AppError('INVALID_STATE', 'only physical prizes are shipped');
  if (win.status === 'AWAITING_CLAIM')
    throw new AppError('INVALID_STATE', 'the winner has not given a shipping address yet');
  if (win.status !== 'CLAIMED' && win.status !== 'SHIPPED')
    throw new AppError('INVALID_STATE', `a ${win.status} win cannot be shipped`);

  const shippedAt = win.shippedAt ?? new Date();
  const after = await db.$transaction(async (tx) => {
    // The status in the where clause makes a concurrent void (or a second shipment) lose cleanly.
    const changed = await tx.win.updateMany({
      where: { id: winId, tenantId, status: win.status },
      data: { status: 'SHIPPED', carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, shippedAt },
    });
    if (changed.count !== 1) throw new AppError('CONFLICT', 'the win changed meanwhile; reload and try again');
    const next = { status: 'SHIPPED' as const, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber };
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: win.status === 'SHIPPED' ? 'win.updateShipment' : 'win.ship',
        objectType: 'Win',
        objectId: winId,
        before: { status: win.status, carrier: win.carrier, trackingNumber: win.trackingNumber },
        after: next,
      },
      tx,
    );
    const deliveries = await emitEvent(tx, {
      tenantId,
      type: 'win.shipped',
      subjectId: winId,
      data: {
        winId,
        activityId: win.activityId,
        userId: win.userId,
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        shippedAt: shippedAt.toISOString(),
        correction: win.status === 'SHIPPED',
      },
    });
    return { next, deliveries };
  });
  await forgetUserRecords([{ tenantId, activityId: win.activityId, userId: win.userId }]);
  await dispatchDeliveries(after.deliveries);
  return { id: winId, ...after.next, shippedAt: shippedAt.toISOString() };
}
