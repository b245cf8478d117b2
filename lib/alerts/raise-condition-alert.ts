// Alerts about a condition that holds or not at each check (a tier ahead of pacing, low stock,
// odds drift). The stored Alert under the condition's dedupe key says where it stands:
// - none: the condition is new; raising opens one and emits alert.raised (openAlertByKey);
// - open: already raised, not raised again;
// - acknowledged: seen while the condition still held, not raised again either;
// a check that finds the condition gone releases an acknowledged alert's key (the row stays as
// history), so the condition's next occurrence opens a new alert.
import { db } from '../db';
import { openAlertByKey, type RaisedAlert } from '../webhooks/emit-alert-raised';

export type ConditionAlert = RaisedAlert & { dedupeKey: string };
export type RaiseOutcome = 'raised' | 'open' | 'acknowledged';

export async function raiseConditionAlert(alert: ConditionAlert): Promise<RaiseOutcome> {
  const known = await db.alert.findUnique({
    where: { dedupeKey: alert.dedupeKey },
    select: { acknowledgedAt: true },
  });
  if (known) return known.acknowledgedAt ? 'acknowledged' : 'open';
  await openAlertByKey(alert);
  return 'raised';
}

/** The condition no longer holds: an acknowledged alert gives up its key; an open one stays until seen. */
export async function clearConditionAlerts(dedupeKeys: string[]): Promise<number> {
  if (dedupeKeys.length === 0) return 0;
  const { count } = await db.alert.updateMany({
    where: { dedupeKey: { in: dedupeKeys }, acknowledgedAt: { not: null } },
    data: { dedupeKey: null },
  });
  return count;
}
