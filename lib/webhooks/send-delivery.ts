// One attempt of one delivery, the deliveries queue's work. At least once: the attempt is claimed
// in PostgreSQL with a lease (a sender killed mid-send leaves it to be made again when the lease
// ends), the body is the stored one, so every attempt carries the same event id, and receivers
// dedupe on it. A 2xx delivers; anything else waits for the next attempt of the retry schedule,
// until the delivery is 24 h old. Each attempt is kept in the delivery log (WebhookDeliveryAttempt),
// written with the delivery's own record of it. An endpoint failing for 24 h is disabled, with an alert.
import type { Prisma } from '@/generated/prisma/client';
import { Prisma as PrismaNs } from '@/generated/prisma/client';
import { signBody } from '../auth/hmac-signature';
import { nowMs } from '../clock';
import { db } from '../db';
import { log } from '../log';
import { holdPoint } from '../workers/hold-point';
import { emitAlertRaised } from './emit-alert-raised';
import { deliveryJobId, dispatchDeliveries, type WebhookBody } from './emit-event';
import { postWebhook, WEBHOOK_TIMEOUT_MS } from './post-webhook';
import { DELIVERY_WINDOW_MS, retryWaitMs } from './retry-schedule';
import { enqueue } from '../queues';
import { winCreatedData } from './win-created-data';
import { forgetUserRecords } from '../read-cache/user-records-cache';

/** How long a claimed attempt is left to its sender before another may make it again. */
export const ATTEMPT_LEASE_MS = WEBHOOK_TIMEOUT_MS + 5_000;
/** A queued attempt may start this much before its time (timers and clocks are not exact). */
export const EARLY_MS = 1_000;

export type AttemptOutcome = 'delivered' | 'retrying' | 'failed' | 'skipped';

export async function sendDelivery(deliveryId: string): Promise<AttemptOutcome> {
  const startedAt = nowMs();
  const claimed = await db.webhookDelivery.updateMany({
    where: {
      id: deliveryId,
      status: 'PENDING',
      nextAttemptAt: { lte: new Date(startedAt + EARLY_MS) },
      expiresAt: { gt: new Date(startedAt) },
      endpoint: { enabled: true },
    },
    data: {
      attempts: { increment: 1 },
      lastAttemptAt: new Date(startedAt),
      nextAttemptAt: new Date(startedAt + ATTEMPT_LEASE_MS),
    },
  });
  if (claimed.count === 0) return 'skipped';
  const delivery = await db.webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: {
      id: true,
      tenantId: true,
      eventId: true,
      type: true,
      subjectId: true,
      payload: true,
      attempts: true,
      expiresAt: true,
      endpoint: { select: { id: true, url: true, secret: true, fulfilment: true } },
    },
  });
  const body = await storedBody(delivery);
  const logAttempt = (
    tx: Prisma.TransactionClient,
    a: { at: number; statusCode: number | null; error: string | null; latencyMs: number },
  ) =>
    tx.webhookDeliveryAttempt.create({
      data: { deliveryId, tenantId: delivery.tenantId, attempt: delivery.attempts, ...a, at: new Date(a.at) },
    });
  if (!body) {
    // The subject is gone (its tenant's rows removed): nothing left to tell.
    const error = 'the event subject no longer exists';
    await db.$transaction(async (tx) => {
      await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'FAILED', lastError: error } });
      await logAttempt(tx, { at: startedAt, statusCode: null, error, latencyMs: 0 });
    });
    return 'failed';
  }
  const raw = JSON.stringify(body);
  const timestamp = Math.floor(nowMs() / 1000);
  const result = await postWebhook(
    delivery.endpoint.url,
    {
      'user-agent': 'lottery-webhooks/1',
      'x-tenant': body.tenant,
      'x-event-id': body.id,
      'x-timestamp': String(timestamp),
      'x-signature': signBody(delivery.endpoint.secret, timestamp, raw),
    },
    raw,
  );
  // Tests kill a process here: the receiver has the event, the record does not say so yet.
  await holdPoint('deliveries:sent', deliveryId);
  const at = nowMs();
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const attempt = {
    lastStatusCode: result.statusCode,
    lastError: ok ? null : (result.error ?? `answered ${result.statusCode}`),
    lastLatencyMs: result.latencyMs,
  };
  // The attempt's line in the delivery log, written with the delivery's record of it.
  const logged = { at, statusCode: attempt.lastStatusCode, error: attempt.lastError, latencyMs: attempt.lastLatencyMs };
  if (ok) {
    const delivered = await db.$transaction(async (tx) => {
      await tx.webhookDelivery.update({
        where: { id: deliveryId },
        data: { ...attempt, status: 'DELIVERED', deliveredAt: new Date(at) },
      });
      await logAttempt(tx, logged);
      await tx.webhookEndpoint.update({ where: { id: delivery.endpoint.id }, data: { failingSince: null } });
      if (delivery.type !== 'win.created' || !delivery.endpoint.fulfilment || !delivery.subjectId) return [];
      return tx.win.updateManyAndReturn({
        where: { id: delivery.subjectId, tenantId: delivery.tenantId, status: 'PENDING_DELIVERY' },
        data: { status: 'DELIVERED', deliveredAt: new Date(at) },
        select: { tenantId: true, activityId: true, userId: true },
      });
    });
    await forgetUserRecords(delivered);
    return 'delivered';
  }
  const next = at + retryWaitMs(delivery.attempts);
  const giveUp = next >= delivery.expiresAt.getTime();
  await db.$transaction(async (tx) => {
    await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: { ...attempt, ...(giveUp ? { status: 'FAILED' } : { nextAttemptAt: new Date(next) }) },
    });
    await logAttempt(tx, logged);
  });
  await noteEndpointFailing(delivery.tenantId, delivery.endpoint.id, at);
  if (giveUp) return 'failed';
  await enqueue(
    'deliveries',
    { deliveryId },
    { jobId: deliveryJobId(deliveryId, delivery.attempts), delay: next - at, attempts: 3 },
  ).catch(() => undefined);
  return 'retrying';
}

/** The body every attempt sends; built once, from the win, for a win.created the draw emitted. */
async function storedBody(d: {
  id: string;
  tenantId: string;
  eventId: string;
  type: string;
  subjectId: string | null;
  payload: Prisma.JsonValue;
}): Promise<WebhookBody | null> {
  if (d.payload !== null) return d.payload as unknown as WebhookBody;
  if (d.type !== 'win.created' || !d.subjectId) return null;
  const built = await winCreatedData(db, d.tenantId, d.subjectId);
  const tenant = await db.tenant.findUnique({ where: { id: d.tenantId }, select: { slug: true } });
  if (!built || !tenant) return null;
  const body: WebhookBody = {
    id: d.eventId,
    type: 'win.created',
    createdAt: built.createdAt.toISOString(),
    tenant: tenant.slug,
    data: built.data,
  };
  // Two senders building at once both build the same body; the first one stored is the one kept.
  await db.webhookDelivery.updateMany({
    where: { id: d.id, payload: { equals: PrismaNs.DbNull } },
    data: { payload: body as unknown as Prisma.InputJsonValue },
  });
  const stored = await db.webhookDelivery.findUniqueOrThrow({ where: { id: d.id }, select: { payload: true } });
  return stored.payload as unknown as WebhookBody;
}

/** The endpoint has failed since `failingSince`; after 24 h of that it is disabled and an alert raised. */
async function noteEndpointFailing(tenantId: string, endpointId: string, at: number): Promise<void> {
  await db.webhookEndpoint.updateMany({
    where: { id: endpointId, failingSince: null },
    data: { failingSince: new Date(at) },
  });
  const disabled = await db.$transaction(async (tx) => {
    const off = await tx.webhookEndpoint.updateMany({
      where: { id: endpointId, enabled: true, failingSince: { lte: new Date(at - DELIVERY_WINDOW_MS) } },
      data: { enabled: false, disabledReason: 'failing for 24 hours' },
    });
    if (off.count === 0) return null;
    const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId }, select: { url: true } });
    return emitAlertRaised(tx, {
      tenantId,
      kind: 'webhook.endpoint_disabled',
      severity: 'CRITICAL',
      message: `webhook endpoint ${endpoint.url} failed for 24 hours and was disabled`,
      details: { endpointId },
      dedupeKey: `webhook-disabled:${endpointId}:${at}`,
    });
  });
  if (disabled) {
    log.warn('webhook endpoint disabled after failing for 24 hours', { tenantId, endpointId });
    await dispatchDeliveries(disabled);
  }
}
