// The outbox: an event becomes one WebhookDelivery row per enabled endpoint subscribed to its type,
// written with the transaction of the change it tells of, so a change is never told without
// happening nor happens without being told. The deliveries queue sends them after the commit
// (dispatchDeliveries), and its sweep finds any that were never queued (a crash, a lost Redis).
//
// The event id is derived from the type and the subject (`md5("<type>:<subject>")` as a UUID, the same
// in SQL and here) where an event happens once per subject, so emitting it again adds nothing.
import { createHash, randomUUID } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import { nowMs } from '../clock';
import { errorFields, log } from '../log';
import { enqueue } from '../queues';
import type { WebhookEventType } from './event-types';
import { DELIVERY_WINDOW_MS } from './retry-schedule';

type Tx = Pick<Prisma.TransactionClient, 'webhookEndpoint' | 'webhookDelivery' | 'tenant'>;

/** The event id of the one event of this type about this subject (same as md5(...)::uuid in PostgreSQL). */
export function eventIdFor(type: WebhookEventType, subject: string): string {
  const h = createHash('md5').update(`${type}:${subject}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type WebhookBody = { id: string; type: WebhookEventType; createdAt: string; tenant: string; data: unknown };

export type EmitOptions = {
  tenantId: string;
  type: WebhookEventType;
  /** The event's `data`. Omitted: built at the first attempt from `subjectId` (win.created). */
  data?: Record<string, unknown>;
  /** The object the event is about (a win, an activity, an alert). */
  subjectId?: string;
  /** True when the event happens once per subject: its id is derived, and emitting it again adds nothing. */
  oncePerSubject?: boolean;
  createdAt?: Date;
};

/** Writes the event's deliveries with `tx`; returns their ids, for dispatchDeliveries after the commit. */
export async function emitEvent(tx: Tx, options: EmitOptions): Promise<string[]> {
  const { tenantId, type, data, subjectId } = options;
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { tenantId, enabled: true, events: { has: type } },
    select: { id: true },
  });
  if (endpoints.length === 0) return [];
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { slug: true } });
  const eventId = options.oncePerSubject && subjectId ? eventIdFor(type, subjectId) : randomUUID();
  const createdAt = options.createdAt ?? new Date(nowMs());
  const body: WebhookBody | null =
    data === undefined ? null : { id: eventId, type, createdAt: createdAt.toISOString(), tenant: tenant.slug, data };
  const rows = await tx.webhookDelivery.createManyAndReturn({
    data: endpoints.map((e) => ({
      tenantId,
      endpointId: e.id,
      eventId,
      type,
      subjectId: subjectId ?? null,
      ...(body ? { payload: body as unknown as Prisma.InputJsonValue } : {}),
      nextAttemptAt: createdAt,
      expiresAt: new Date(createdAt.getTime() + DELIVERY_WINDOW_MS),
      createdAt,
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** The BullMQ job of a delivery's next attempt: one id per attempt, so a queued attempt is never queued twice. */
export const deliveryJobId = (deliveryId: string, attempts: number) => `delivery-${deliveryId}-${attempts}`;

/**
 * Queues the first attempt of deliveries just committed. Failing to queue loses nothing: the rows
 * are in PostgreSQL, and the sweep queues them.
 */
export async function dispatchDeliveries(ids: string[], delayMs = 0): Promise<void> {
  try {
    for (const id of ids)
      await enqueue('deliveries', { deliveryId: id }, { jobId: deliveryJobId(id, 0), delay: delayMs, attempts: 3 });
  } catch (err) {
    log.warn('webhook deliveries not queued; the sweep will', { deliveries: ids.length, ...errorFields(err) });
  }
}
