// Physical wins not claimed within their activity's claim window are voided, and their stock
// goes back to the total pool (once: see void-win.ts). Run by a repeatable job.
import { db } from '../db';
import { errorFields, log } from '../log';
import { voidWin } from './void-win';
import { holdPoint } from '../workers/hold-point';
import { nowMs } from '../clock';

const system = { type: 'SYSTEM', id: 'claim-expiry' } as const;
/** The void reason of a win whose claim window passed: what the winner's page calls "expired". */
export const CLAIM_EXPIRED_REASON = 'claim window expired';

/** Every tenant's, or one tenant's. */
export async function expireClaims(now = nowMs(), { tenantId }: { tenantId?: string } = {}): Promise<number> {
  const expired = await db.win.findMany({
    where: { status: 'AWAITING_CLAIM', claimExpiresAt: { lt: new Date(now) }, ...(tenantId ? { tenantId } : {}) },
    select: { id: true, tenantId: true, activityId: true },
    orderBy: { claimExpiresAt: 'asc' },
    take: 1_000,
  });
  let voided = 0;
  for (const w of expired) {
    try {
      if ((await voidWin(w.tenantId, system, { winId: w.id, reason: CLAIM_EXPIRED_REASON, claimExpired: true })).voided)
        voided++;
      await holdPoint('claim-expiry:voided', w.activityId);
    } catch (err) {
      log.warn('claim expiry failed', { winId: w.id, ...errorFields(err) });
    }
  }
  return voided;
}
