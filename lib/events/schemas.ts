import { z } from 'zod';
import { Instant } from '../validation/calendar';
import { externalId } from '../validation/text';

export const MAX_EVENTS_PER_BATCH = 500;

export const BehaviourEvent = z.strictObject({
  eventId: externalId({ max: 128 }),
  /** The host app's user id, as the `sub` of its user tokens. */
  userId: externalId({ max: 128 }),
  type: externalId({ max: 64 }),
  occurredAt: Instant,
});
export type BehaviourEvent = z.infer<typeof BehaviourEvent>;

/** One event, or `{ events: [...] }` with up to 500. */
export const EventDelivery = z.union([
  BehaviourEvent,
  z.strictObject({ events: z.array(BehaviourEvent).min(1).max(MAX_EVENTS_PER_BATCH) }),
]);
export type EventDelivery = z.infer<typeof EventDelivery>;
