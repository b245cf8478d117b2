// Wins held by a risk rule wait for an operator. Approving releases them as the draw would
// have: a physical prize awaits its claim (its window starts now), a virtual or points one waits for
// the host app's fulfilment endpoint if there is one, anything else is delivered; win.created is told.
// Rejecting voids them, returning the stock exactly like any other void (void-win.ts).
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import { voidWin } from './void-win';
import { dispatchDeliveries } from '../webhooks/emit-event';
import { forgetUserRecords } from '../read-cache/user-records-cache';
import { emitWinCreated, undeliveredWinStatus } from '../webhooks/emit-win-created';

type HeldWin = {
  status: string;
  prizeKind: string;
  claimWindowHours: number | null;
  activityId: string;
  userId: string;
};

async function heldWinOrThrow(tenantId: string, winId: string): Promise<HeldWin> {
  const win = isUuid(winId)
    ? await db.win.findFirst({
        where: { id: winId, tenantId },
        select: {
          status: true,
          activityId: true,
          userId: true,
          prize: { select: { kind: true } },
          activity: { select: { claimWindowHours: true } },
        },
      })
    : null;
  if (!win) throw new AppError('NOT_FOUND', `win ${winId} not found`);
  if (win.status !== 'HELD')
    throw new AppError('INVALID_STATE', `only held wins are reviewed; this one is ${win.status}`);
  return {
    status: win.status,
    prizeKind: win.prize.kind,
    claimWindowHours: win.activity.claimWindowHours,
    activityId: win.activityId,
    userId: win.userId,
  };
}

export async function approveHeldWin(
  tenantId: string,
  actor: Actor,
  winId: string,
  now = Date.now(),
): Promise<{ id: string; status: 'AWAITING_CLAIM' | 'PENDING_DELIVERY' | 'DELIVERED' }> {
  const win = await heldWinOrThrow(tenantId, winId);
  const physical = win.prizeKind === 'PHYSICAL';
  const claimExpiresAt = physical && win.claimWindowHours ? new Date(now + win.claimWindowHours * 3600_000) : null;
  const { status, deliveries } = await db.$transaction(async (tx) => {
    const status: 'AWAITING_CLAIM' | 'PENDING_DELIVERY' | 'DELIVERED' = physical
      ? 'AWAITING_CLAIM'
      : await undeliveredWinStatus(tx, tenantId, win.prizeKind);
    const changed = await tx.win.updateMany({
      where: { id: winId, tenantId, status: 'HELD' },
      data: { status, claimExpiresAt, ...(status === 'DELIVERED' ? { deliveredAt: new Date(now) } : {}) },
    });
    if (changed.count !== 1) throw new AppError('CONFLICT', 'the win changed meanwhile; reload and try again');
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'win.approve',
        objectType: 'Win',
        objectId: winId,
        before: { status: 'HELD' },
        after: { status, ...(claimExpiresAt ? { claimExpiresAt: claimExpiresAt.toISOString() } : {}) },
      },
      tx,
    );
    return { status, deliveries: await emitWinCreated(tx, tenantId, [winId]) };
  });
  await forgetUserRecords([{ tenantId, activityId: win.activityId, userId: win.userId }]);
  await dispatchDeliveries(deliveries);
  return { id: winId, status };
}

export async function rejectHeldWin(
  tenantId: string,
  actor: Actor,
  winId: string,
  reason: string,
): Promise<{ id: string; status: 'VOID' }> {
  await heldWinOrThrow(tenantId, winId);
  // Only while it is still held: an approval that landed meanwhile stands.
  const rejection = { winId, reason: `rejected in review: ${reason}`, onlyFrom: 'HELD' } as const;
  const { voided } = await voidWin(tenantId, actor, rejection);
  if (!voided) throw new AppError('CONFLICT', 'the win was voided meanwhile');
  return { id: winId, status: 'VOID' };
}
