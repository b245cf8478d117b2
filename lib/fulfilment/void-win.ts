// Voiding a win (by an operator, or because its claim window passed) gives its units back to
// the prize's total pool exactly once: the ledger row's dedupe key and the pool counters move
// in one transaction (lib/inventory/move-stock.ts), under the prize's lock, and the hot state's
// issued count follows, so reconciliation (left + issued = reserved − returned) keeps holding.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import { requestRedis } from '../redis';
import { lockStateEpoch, writeHotState } from '../draw/write-hot-state';
import { moveStock } from '../inventory/move-stock';
import { withPrizeLocks } from '../locks/prize-lock';
import { dispatchDeliveries, emitEvent } from '../webhooks/emit-event';
import { forgetUserRecords } from '../read-cache/user-records-cache';

const VOIDABLE = ['AWAITING_CLAIM', 'CLAIMED', 'HELD'] as const;

export type WinVoid = {
  winId: string;
  /** Kept on the win and in the ledger row and the audit entry. */
  reason: string;
  /**
   * Voids the win only if it is still in that status (a review rejecting a held win must not
   * void one another operator approved meanwhile); otherwise it throws CONFLICT.
   */
  onlyFrom?: (typeof VOIDABLE)[number];
  /** The claim window passed: the host app hears claim.expired instead of win.voided. */
  claimExpired?: boolean;
};

export async function voidWin(tenantId: string, actor: Actor, change: WinVoid): Promise<{ voided: boolean }> {
  const { winId, reason, onlyFrom } = change;
  const win = isUuid(winId)
    ? await db.win.findFirst({
        where: { id: winId, tenantId },
        select: { activityId: true, prizeId: true, userId: true, prize: { select: { kind: true } } },
      })
    : null;
  if (!win) throw new AppError('NOT_FOUND', `win ${winId} not found`);
  const redis = await requestRedis();
  return withPrizeLocks(redis, [win.prizeId], async () => {
    const result = await db.$transaction(async (tx) => {
      const epoch = await lockStateEpoch(tx, win.activityId);
      const w = await tx.win.findUniqueOrThrow({ where: { id: winId }, select: { status: true, quantity: true } });
      if (w.status === 'VOID') return null;
      if (onlyFrom && w.status !== onlyFrom)
        throw new AppError('CONFLICT', `the win is ${w.status} now, no longer ${onlyFrom}; reload and try again`);
      if (!(VOIDABLE as readonly string[]).includes(w.status))
        throw new AppError('INVALID_STATE', `a ${w.status} win cannot be voided`);
      const changed = await tx.win.updateMany({
        where: { id: winId, status: w.status },
        data: { status: 'VOID', voidedAt: new Date(), voidReason: reason },
      });
      if (changed.count !== 1) throw new AppError('CONFLICT', 'the win changed meanwhile; try again');
      // issued is written back from Redis in batches and may lag; here it becomes what the rows
      // say (never more than Redis), so issued + returned <= reserved holds at every step.
      await moveStock(tx, {
        tenantId,
        prizeId: win.prizeId,
        activityId: win.activityId,
        kind: 'RETURN',
        // A coupon's codes were shown to the winner: they stay with the void win, never reused, so
        // its units leave the books rather than going back to the prize's pool.
        poolDelta: win.prize.kind === 'COUPON' ? 0 : w.quantity,
        issuedDelta: -w.quantity,
        returnedDelta: w.quantity,
        issuedFromWins: true,
        reason,
        actor,
        dedupeKey: `void:${winId}`,
      });
      await writeAuditLog(
        tenantId,
        actor,
        {
          action: 'win.void',
          objectType: 'Win',
          objectId: winId,
          before: { status: w.status },
          after: { status: 'VOID', reason },
        },
        tx,
      );
      // A held win was never announced (win.created waits for its approval): nothing to take back.
      const announced = w.status !== 'HELD';
      const deliveries = !announced
        ? []
        : await emitEvent(tx, {
            tenantId,
            type: change.claimExpired ? 'claim.expired' : 'win.voided',
            subjectId: winId,
            oncePerSubject: true,
            data: {
              winId,
              activityId: win.activityId,
              userId: win.userId,
              prizeId: win.prizeId,
              quantity: w.quantity,
              previousStatus: w.status,
              reason,
            },
          });
      return { quantity: w.quantity, epoch, deliveries };
    });
    if (result === null) return { voided: false };
    await forgetUserRecords([{ tenantId, activityId: win.activityId, userId: win.userId }]);
    await dispatchDeliveries(result.deliveries);
    // The unit left the activity: the hot state's issued count follows (left is untouched). No
    // state: nothing to follow, the next rebuild counts the rows (and one under way reads again).
    const fields = { [`p:${win.prizeId}`]: -result.quantity };
    await writeHotState(redis, win.activityId, result.epoch, { hash: 'issued', op: 'add', fields });
    return { voided: true };
  });
}
