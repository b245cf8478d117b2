// POST /api/v1/wins/{winId}/claim: the winner gives a shipping address for a physical prize.
// Only the winner, only physical prizes, within the claim window; the address may be
// corrected until the prize ships.
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import type { EndUser } from '../auth/user-token';
import type { ClaimWin } from './schemas';
import { formatAddress, type AddressParts } from './claim-rules';
import { Prisma } from '@/generated/prisma/client';
import { nowMs } from '../clock';
import { dispatchDeliveries, emitEvent } from '../webhooks/emit-event';
import { forgetUserRecords } from '../read-cache/user-records-cache';

export async function claimWin(user: EndUser, winId: string, claim: ClaimWin, now = nowMs()) {
  const win = isUuid(winId)
    ? await db.win.findFirst({
        where: { id: winId, tenantId: user.tenantId, userId: user.userId },
        select: { status: true, activityId: true, claimExpiresAt: true, prize: { select: { kind: true } } },
      })
    : null;
  // Someone else's win is simply not found: no hint that it exists.
  if (!win) throw new AppError('NOT_FOUND', `win ${winId} not found`);
  if (win.prize.kind !== 'PHYSICAL')
    throw new AppError('INVALID_STATE', 'this prize needs no address; it was delivered with the draw');
  if (win.status !== 'AWAITING_CLAIM' && win.status !== 'CLAIMED')
    throw new AppError(
      'INVALID_STATE',
      `the win is ${win.status.toLowerCase().replace('_', ' ')} and can no longer be claimed or changed`,
    );
  if (win.status === 'AWAITING_CLAIM' && win.claimExpiresAt && win.claimExpiresAt.getTime() <= now)
    throw new AppError('INVALID_STATE', 'the claim window has passed');
  const deliveries = await db.$transaction(async (tx) => {
    const updated = await tx.win.updateMany({
      where: { id: winId, status: win.status },
      data: {
        status: 'CLAIMED',
        claimName: claim.name,
        claimPhone: claim.phone,
        claimAddress: typeof claim.address === 'string' ? claim.address : formatAddress(claim.address),
        claimAddressParts: typeof claim.address === 'string' ? Prisma.DbNull : claim.address,
        ...(win.status === 'AWAITING_CLAIM' ? { claimedAt: new Date(now) } : {}),
      },
    });
    if (updated.count !== 1) throw new AppError('CONFLICT', 'the win changed meanwhile; reload and try again');
    // The first claim only; a corrected address is the operator's business, not an event.
    if (win.status !== 'AWAITING_CLAIM') return [];
    return emitEvent(tx, {
      tenantId: user.tenantId,
      type: 'win.claimed',
      subjectId: winId,
      oncePerSubject: true,
      data: { winId, activityId: win.activityId, userId: user.userId, claimedAt: new Date(now).toISOString() },
    });
  });
  await forgetUserRecords([{ tenantId: user.tenantId, activityId: win.activityId, userId: user.userId }]);
  await dispatchDeliveries(deliveries);
  const after = await db.win.findUniqueOrThrow({
    where: { id: winId },
    select: {
      id: true,
      status: true,
      claimName: true,
      claimPhone: true,
      claimAddress: true,
      claimAddressParts: true,
      claimedAt: true,
    },
  });
  return {
    id: after.id,
    status: after.status,
    claim: {
      name: after.claimName,
      phone: after.claimPhone,
      address: after.claimAddress,
      ...(after.claimAddressParts ? { addressParts: after.claimAddressParts as AddressParts } : {}),
      claimedAt: after.claimedAt!.toISOString(),
    },
  };
}
