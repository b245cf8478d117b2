// One action over many selected wins. Each win goes through the same function as a single
// action (its own checks, transaction and audit entry), so one bad row never blocks the rest
// and the result says which wins changed and why the others did not.
import { toErrorBody } from '../errors';
import type { Actor } from '../audit/write-audit-log';
import { approveHeldWin, rejectHeldWin } from './review-held-win';
import { ShipWin } from './schemas';
import { shipWin } from './ship-win';
import { voidWinByOperator } from './void-win-by-operator';

export type BulkWinAction =
  | { kind: 'ship'; carrier: string; trackingNumbers: Record<string, string> }
  | { kind: 'void'; reason: string }
  | { kind: 'approve' }
  | { kind: 'reject'; reason: string };

export type BulkWinResult = { done: string[]; failed: { winId: string; code: string; message: string }[] };

export async function applyBulkWinAction(
  tenantId: string,
  actor: Actor,
  winIds: string[],
  action: BulkWinAction,
): Promise<BulkWinResult> {
  const result: BulkWinResult = { done: [], failed: [] };
  // One at a time: a void takes the prize's lock, and many wins often share one prize.
  for (const winId of new Set(winIds)) {
    try {
      switch (action.kind) {
        case 'ship':
          await shipWin(
            tenantId,
            actor,
            winId,
            ShipWin.parse({ carrier: action.carrier, trackingNumber: action.trackingNumbers[winId] ?? '' }),
          );
          break;
        case 'void':
          await voidWinByOperator(tenantId, actor, winId, action.reason);
          break;
        case 'approve':
          await approveHeldWin(tenantId, actor, winId);
          break;
        case 'reject':
          await rejectHeldWin(tenantId, actor, winId, action.reason);
          break;
      }
      result.done.push(winId);
    } catch (err) {
      const { body } = toErrorBody(err);
      result.failed.push({ winId, code: body.error.code, message: body.error.message });
    }
  }
  return result;
}
