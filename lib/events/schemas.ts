import { z } from 'zod';

export const MAX_EVENTS_PER_BATCH = 500;

export const BehaviourEvent = z.strictObject({
  eventId: z.string().min(1).max(128),
  userId: z.string().min(1).max(128),
  type: z.string().min(1).max(64),
  occurredAt: z.iso.datetime({ offset: true }),
});
export type BehaviourEvent = z.infer<typeof BehaviourEvent>;

/** One event, or `{ events: [...] }` with up to 500 (API.md). */
export const EventDelivery = z.union([
  BehaviourEvent,
  z.strictObject({ events: z.array(BehaviourEvent).min(1).max(MAX_EVENTS_PER_BATCH) }),
]);
export type EventDelivery = z.infer<typeof EventDelivery>;
