// An endpoint's delivery log (newest first, cursor paged), each delivery with every attempt made
// (`attemptLog`, oldest first; `attempts` stays their count), one delivery read alone, and a retry
// by hand, which makes the next attempt now and gives the delivery another 24 h, whatever its status.
import type { Prisma } from '@/generated/prisma/client';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { nowMs } from '../clock';
import { db } from '../db';
import { AppError } from '../errors';
import { enqueue } from '../queues';
import { deliveryJobId } from './emit-event';
import { DELIVERY_WINDOW_MS } from './retry-schedule';
import type { ListDeliveriesQuery } from './schemas';

const deliverySelect = {
  id: true,
  endpointId: true,
  eventId: true,
  type: true,
  status: true,
  attempts: true,
  lastStatusCode: true,
  lastError: true,
  lastLatencyMs: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  deliveredAt: true,
  createdAt: true,
  attemptLog: {
    select: { attempt: true, at: true, statusCode: true, error: true, latencyMs: true },
    orderBy: { attempt: 'asc' },
  },
} satisfies Prisma.WebhookDeliverySelect;
type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ select: typeof deliverySelect }>;

/** One attempt: when, the receiver's answer (null: none, see `error`) and how long it took. */
export type WebhookAttemptDto = {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
};

export type WebhookDeliveryDto = {
  id: string;
  endpointId: string;
  eventId: string;
  type: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastLatencyMs: number | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  attemptLog: WebhookAttemptDto[];
};

function toDto(d: DeliveryRow): WebhookDeliveryDto {
  return {
    ...d,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: d.status === 'PENDING' ? d.nextAttemptAt.toISOString() : null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    attemptLog: d.attemptLog.map((a) => ({ ...a, at: a.at.toISOString() })),
  };
}

async function endpointOrThrow(tenantId: string, endpointId: string) {
  const e = await db.webhookEndpoint.findFirst({ where: { id: endpointId, tenantId }, select: { id: true } });
  if (!e) throw new AppError('NOT_FOUND', `webhook endpoint ${endpointId} not found`);
}

export async function listWebhookDeliveries(
  tenantId: string,
  endpointId: string,
  query: ListDeliveriesQuery,
): Promise<{ items: WebhookDeliveryDto[]; nextCursor: string | null }> {
  await endpointOrThrow(tenantId, endpointId);
  const rows = await db.webhookDelivery.findMany({
    where: { tenantId, endpointId, ...(query.status ? { status: query.status } : {}) },
    select: deliverySelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toDto), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
}

export async function getWebhookDeliveryOrThrow(
  tenantId: string,
  { endpointId, deliveryId }: { endpointId: string; deliveryId: string },
): Promise<WebhookDeliveryDto> {
  await endpointOrThrow(tenantId, endpointId);
  const row = await db.webhookDelivery.findFirst({
    where: { id: deliveryId, endpointId, tenantId },
    select: deliverySelect,
  });
  if (!row) throw new AppError('NOT_FOUND', `delivery ${deliveryId} not found`);
  return toDto(row);
}

export async function retryWebhookDelivery(
  tenantId: string,
  actor: Actor,
  { endpointId, deliveryId }: { endpointId: string; deliveryId: string },
): Promise<WebhookDeliveryDto> {
  const now = nowMs();
  const row = await db.$transaction(async (tx) => {
    const found = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, endpointId, tenantId },
      select: { id: true, status: true },
    });
    if (!found) throw new AppError('NOT_FOUND', `delivery ${deliveryId} not found`);
    const updated = await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        status: 'PENDING',
        nextAttemptAt: new Date(now),
        expiresAt: new Date(now + DELIVERY_WINDOW_MS),
      },
      select: deliverySelect,
    });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'webhookDelivery.retry',
        objectType: 'WebhookDelivery',
        objectId: deliveryId,
        before: { status: found.status },
        after: { status: 'PENDING' },
      },
      tx,
    );
    return updated;
  });
  await enqueue(
    'deliveries',
    { deliveryId },
    { jobId: `${deliveryJobId(deliveryId, row.attempts)}-retry-${now}`, attempts: 3 },
  ).catch(() => undefined);
  return toDto(row);
}
