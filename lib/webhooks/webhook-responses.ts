// What the webhook endpoints answer, and the body of each outbound event (the OpenAPI document's
// schemas and `webhooks` are generated from these).
import { z } from 'zod';
import { AnyJson, Int, page, Time, Uuid } from '../validation/response-fields';
import { webhookEventTypes, type WebhookEventType } from './event-types';

export const WebhookEndpointResponse = z.object({
  id: Uuid,
  url: z.string(),
  events: z.array(z.string()).meta({ description: webhookEventTypes.join(' | ') }),
  enabled: z.boolean(),
  fulfilment: z.boolean(),
  failingSince: Time.nullable(),
  disabledReason: z.string().nullable(),
  secretFingerprint: z.string().meta({ description: 'tells two secrets apart' }),
  createdAt: Time,
  updatedAt: Time,
});
export type WebhookEndpointResponse = z.output<typeof WebhookEndpointResponse>;

export const WebhookEndpointWithSecret = WebhookEndpointResponse.extend({
  secret: z.string().meta({ description: 'signs every delivery; shown only in this answer' }),
});

export const WebhookDeliveryResponse = z.object({
  id: Uuid,
  endpointId: Uuid,
  eventId: Uuid.meta({ description: "the body's id, the same on every attempt" }),
  type: z.string().meta({ description: webhookEventTypes.join(' | ') }),
  status: z.enum(['PENDING', 'DELIVERED', 'FAILED']),
  attempts: Int,
  lastStatusCode: Int.nullable(),
  lastError: z.string().nullable(),
  lastLatencyMs: Int.nullable(),
  lastAttemptAt: Time.nullable(),
  nextAttemptAt: Time.nullable(),
  deliveredAt: Time.nullable(),
  createdAt: Time,
  attemptLog: z
    .array(
      z.object({
        attempt: Int.min(1),
        at: Time,
        statusCode: Int.nullable().meta({ description: 'null: no answer (see error)' }),
        error: z.string().nullable(),
        latencyMs: Int,
      }),
    )
    .meta({ description: 'every attempt made, oldest first (attempts is their count)' }),
});
export type WebhookDeliveryResponse = z.output<typeof WebhookDeliveryResponse>;

export const WebhookDeliveryPage = page(WebhookDeliveryResponse);

const winVoided = z.object({
  winId: Uuid,
  activityId: Uuid,
  userId: z.string(),
  prizeId: Uuid,
  quantity: Int,
  previousStatus: z.string(),
  reason: z.string(),
});
const activityMoved = z.object({
  activityId: Uuid,
  name: z.string(),
  status: z.string(),
  previousStatus: z.string(),
  startsAt: Time,
  endsAt: Time,
  at: Time,
});

/** Each outbound event's `data`, as sent. */
export const webhookEventData: Record<WebhookEventType, z.ZodType> = {
  'win.created': z.object({
    winId: Uuid,
    activityId: Uuid,
    drawId: Uuid,
    userId: z.string(),
    status: z.string(),
    tier: z.object({ id: Uuid, name: z.string() }),
    prizes: z.array(
      z.object({
        prizeId: Uuid,
        name: z.string(),
        kind: z.enum(['physical', 'virtual', 'coupon', 'points']),
        value: z.number().meta({ description: "one unit's value, as the prize API states it" }),
        quantity: Int,
        codes: z.array(z.string()).optional(),
      }),
    ),
  }),
  'win.claimed': z.object({ winId: Uuid, activityId: Uuid, userId: z.string(), claimedAt: Time }),
  'win.shipped': z.object({
    winId: Uuid,
    activityId: Uuid,
    userId: z.string(),
    carrier: z.string(),
    trackingNumber: z.string(),
    shippedAt: Time,
    correction: z.boolean().optional().meta({ description: 'the shipment of an already shipped win was corrected' }),
  }),
  'win.voided': winVoided,
  'claim.expired': winVoided,
  'activity.started': activityMoved,
  'activity.ended': activityMoved,
  'alert.raised': z.object({
    alertId: Uuid,
    activityId: Uuid.nullable(),
    kind: z.string(),
    severity: z.enum(['INFO', 'WARNING', 'CRITICAL']),
    message: z.string(),
    details: z.record(z.string(), AnyJson),
  }),
};

/** The body of an outbound event of one type. */
export const webhookEventBody = (type: WebhookEventType) =>
  z.object({ id: Uuid, type: z.literal(type), createdAt: Time, tenant: z.string(), data: webhookEventData[type] });
