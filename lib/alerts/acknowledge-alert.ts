// An operator has seen an alert: it leaves the open list (a drift that persists is raised
// again by the next reconciliation). Acknowledging twice keeps the first acknowledgement.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';

export type AcknowledgedAlertDto = { id: string; acknowledgedAt: string; acknowledgedBy: string | null };

export async function acknowledgeAlert(tenantId: string, actor: Actor, alertId: string): Promise<AcknowledgedAlertDto> {
  if (!isUuid(alertId)) throw new AppError('NOT_FOUND', `alert ${alertId} not found`);
  return db.$transaction(async (tx) => {
    const alert = await tx.alert.findFirst({
      where: { id: alertId, tenantId },
      select: { id: true, kind: true, severity: true, acknowledgedAt: true, acknowledgedBy: true },
    });
    if (!alert) throw new AppError('NOT_FOUND', `alert ${alertId} not found`);
    if (alert.acknowledgedAt)
      return { id: alert.id, acknowledgedAt: alert.acknowledgedAt.toISOString(), acknowledgedBy: alert.acknowledgedBy };

    const acknowledgedAt = new Date();
    // Only the first of two concurrent acknowledgements writes (and audits).
    const updated = await tx.alert.updateMany({
      where: { id: alertId, tenantId, acknowledgedAt: null },
      data: { acknowledgedAt, acknowledgedBy: actor.id },
    });
    if (updated.count === 0) {
      const current = await tx.alert.findFirstOrThrow({
        where: { id: alertId, tenantId },
        select: { acknowledgedAt: true, acknowledgedBy: true },
      });
      return {
        id: alertId,
        acknowledgedAt: (current.acknowledgedAt ?? acknowledgedAt).toISOString(),
        acknowledgedBy: current.acknowledgedBy,
      };
    }
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'alert.acknowledge',
        objectType: 'Alert',
        objectId: alertId,
        before: { kind: alert.kind, severity: alert.severity, acknowledgedAt: null },
        after: { kind: alert.kind, severity: alert.severity, acknowledgedAt, acknowledgedBy: actor.id },
      },
      tx,
    );
    return { id: alertId, acknowledgedAt: acknowledgedAt.toISOString(), acknowledgedBy: actor.id };
  });
}
