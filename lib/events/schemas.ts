import { z } from 'zod';
import { Id } from '../ids';
import { Instant } from '../validation/calendar';
import { externalId } from '../validation/text';

/** The host app's user accepted an invitation: pays the inviter (`userId`) once per invitee. */
export const INVITE_ACCEPTED = 'invite_accepted';
/** The host app saw a share happen: pays the share task `data.taskId` confirmed by events. */
export const SHARE_CONFIRMED = 'share_confirmed';

export const MAX_EVENTS_PER_BATCH = 500;

export const BehaviourEvent = z
  .strictObject({
    eventId: externalId({ max: 128 }),
    /** The host app's user id, as the `sub` of its user tokens. */
    userId: externalId({ max: 128 }),
    type: externalId({ max: 64 }),
    occurredAt: Instant,
    /** What the event type needs: `inviteeId` for invite_accepted, `taskId` for share_confirmed. */
    data: z
      .strictObject({
        inviteeId: externalId({ max: 128 }).optional(),
        taskId: Id.optional(),
      })
      .optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type === INVITE_ACCEPTED && !e.data?.inviteeId)
      ctx.addIssue({ code: 'custom', path: ['data', 'inviteeId'], message: 'invite_accepted names the invitee' });
    if (e.type === SHARE_CONFIRMED && !e.data?.taskId)
      ctx.addIssue({ code: 'custom', path: ['data', 'taskId'], message: 'share_confirmed names the share task' });
  });
export type BehaviourEvent = z.infer<typeof BehaviourEvent>;

/** One event, or `{ events: [...] }` with up to 500. */
export const EventDelivery = z.union([
  BehaviourEvent,
  z.strictObject({ events: z.array(BehaviourEvent).min(1).max(MAX_EVENTS_PER_BATCH) }),
]);
export type EventDelivery = z.infer<typeof EventDelivery>;
