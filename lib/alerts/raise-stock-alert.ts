// A stock drift becomes a stored Alert (shown in the console header), one per condition:
// a known drift is not raised again until someone acknowledges it.
import { db } from '../db';
import { log } from '../log';
import { openAlertByKey } from '../webhooks/emit-alert-raised';

export type Drift = {
  prizeId: string;
  kind: 'hot-state' | 'over-issue' | 'ledger' | 'issued-rows';
  message: string;
  details: Record<string, number>;
};

export async function raiseStockAlert(tenantId: string, activityId: string, drift: Drift) {
  const dedupeKey = `drift:${activityId}:${drift.prizeId}:${drift.kind}`;
  const open = await db.alert.findFirst({ where: { dedupeKey, acknowledgedAt: null }, select: { id: true } });
  if (open) return;
  await openAlertByKey({
    tenantId,
    activityId,
    dedupeKey,
    kind: `stock.${drift.kind}`,
    severity: drift.kind === 'over-issue' ? 'CRITICAL' : 'WARNING',
    message: drift.message,
    details: { prizeId: drift.prizeId, ...drift.details },
  });
  log.error('stock drift', { activityId, ...drift });
}
