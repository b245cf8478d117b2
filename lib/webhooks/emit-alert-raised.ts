// Stores an Alert and emits alert.raised with it, in one transaction: the one place that event
// comes from. Whoever raises an alert the host app should hear of calls this.
import type { Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { dispatchDeliveries, emitEvent } from './emit-event';

type Tx = Pick<Prisma.TransactionClient, 'alert' | 'webhookEndpoint' | 'webhookDelivery' | 'tenant'>;

export type RaisedAlert = {
  tenantId: string;
  activityId?: string | null;
  kind: string;
  severity: 'INFO' | 'WARNING' | 'CRITICAL';
  message: string;
  details?: Record<string, unknown>;
  dedupeKey?: string | null;
};

/** Creates the alert; returns the ids of its deliveries, for dispatchDeliveries after the commit. */
export async function emitAlertRaised(tx: Tx, alert: RaisedAlert): Promise<string[]> {
  const row = await tx.alert.create({
    data: {
      tenantId: alert.tenantId,
      activityId: alert.activityId ?? null,
      kind: alert.kind,
      severity: alert.severity,
      message: alert.message,
      details: (alert.details ?? {}) as Prisma.InputJsonValue,
      dedupeKey: alert.dedupeKey ?? null,
    },
    select: { id: true, createdAt: true },
  });
  return emitAlertEvent(tx, { ...alert, id: row.id, createdAt: row.createdAt });
}

/** alert.raised for an alert stored by its own module (an upsert by dedupe key). */
export async function emitAlertEvent(
  tx: Pick<Prisma.TransactionClient, 'webhookEndpoint' | 'webhookDelivery' | 'tenant'>,
  alert: RaisedAlert & { id: string; createdAt: Date },
): Promise<string[]> {
  return emitEvent(tx, {
    tenantId: alert.tenantId,
    type: 'alert.raised',
    subjectId: alert.id,
    createdAt: alert.createdAt,
    data: {
      alertId: alert.id,
      activityId: alert.activityId ?? null,
      kind: alert.kind,
      severity: alert.severity,
      message: alert.message,
      details: alert.details ?? {},
    },
  });
}

/**
 * Opens the alert kept under `dedupeKey` (created, or reopened with the new message) and emits
 * alert.raised, in one transaction; the caller has checked that none is open.
 */
export async function openAlertByKey(alert: RaisedAlert & { dedupeKey: string }): Promise<void> {
  const details = (alert.details ?? {}) as Prisma.InputJsonValue;
  const deliveries = await db.$transaction(async (tx) => {
    const row = await tx.alert.upsert({
      where: { dedupeKey: alert.dedupeKey },
      update: { acknowledgedAt: null, acknowledgedBy: null, message: alert.message, details, createdAt: new Date() },
      create: {
        tenantId: alert.tenantId,
        activityId: alert.activityId ?? null,
        dedupeKey: alert.dedupeKey,
        kind: alert.kind,
        severity: alert.severity,
        message: alert.message,
        details,
      },
      select: { id: true, createdAt: true },
    });
    return emitAlertEvent(tx, { ...alert, id: row.id, createdAt: row.createdAt });
  });
  await dispatchDeliveries(deliveries);
}
