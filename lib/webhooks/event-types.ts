// The events a host app can subscribe to (docs/webhooks.md). Each is emitted from one
// place, in the transaction of the change it tells of (lib/webhooks/emit-event.ts).
export const webhookEventTypes = [
  'win.created',
  'win.claimed',
  'win.shipped',
  'win.voided',
  'claim.expired',
  'activity.started',
  'activity.ended',
  'alert.raised',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
