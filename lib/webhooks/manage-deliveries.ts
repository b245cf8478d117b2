// An endpoint's delivery log (newest first, cursor paged) and a retry by hand, which makes the
// next attempt now and gives the delivery another 24 h of attempts, whatever its status.
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
} satisfies Prisma.WebhookDeliverySelect;
type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ select: typeof deliverySelect }>;

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
};

function toDto(d: DeliveryRow): WebhookDeliveryDto {
  return {
    ...d,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: d.status === 'PENDING' ? d.nextAttemptAt.toISOString() : null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
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
