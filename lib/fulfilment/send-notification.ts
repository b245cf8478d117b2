// The notify queue's work: tell the host app about a win or a shipment, signed the same way
// the host app signs its events to us (HMAC-SHA256 of "<timestamp>.<body>" with the tenant's
// webhook secret). A tenant without a notify URL has opted out. Non-2xx answers are retried.
import { createHmac } from 'node:crypto';
import { db } from '../db';
import type { QueuePayload } from '../queues';

export class NotifyDeliveryError extends Error {
  override name = 'NotifyDeliveryError';
}

export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export async function sendNotification(
  job: QueuePayload<'notify'>,
  { fetchImpl = fetch, now = () => Date.now() }: { fetchImpl?: typeof fetch; now?: () => number } = {},
): Promise<'sent' | 'skipped'> {
  const win = await db.win.findFirst({
    where: { id: job.winId, tenantId: job.tenantId },
    select: {
      id: true,
      userId: true,
      activityId: true,
      tierId: true,
      prizeId: true,
      quantity: true,
      status: true,
      carrier: true,
      trackingNumber: true,
      createdAt: true,
      shippedAt: true,
      prize: { select: { name: true, kind: true } },
    },
  });
  const tenant = await db.tenant.findUnique({
    where: { id: job.tenantId },
    select: { slug: true, notifyUrl: true, webhookSecret: true },
  });
  if (!win || !tenant?.notifyUrl) return 'skipped';
  const timestamp = Math.floor(now() / 1000);
  const body = JSON.stringify({
    // The id lets the host app drop a repeated delivery (at-least-once).
    id: `${job.event}:${win.id}`,
    event: job.event,
    tenant: tenant.slug,
    win: { ...win, prize: { name: win.prize.name, kind: win.prize.kind.toLowerCase() } },
  });
  const res = await fetchImpl(tenant.notifyUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-tenant': tenant.slug,
      'x-timestamp': String(timestamp),
      'x-signature': signBody(tenant.webhookSecret, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new NotifyDeliveryError(`notify ${tenant.notifyUrl} answered ${res.status}`);
  return 'sent';
}
