import { z } from 'zod';
import { Id } from '../ids';
import { webUrl } from '../validation/web-url';
import { webhookEventTypes } from './event-types';

const Events = z
  .array(z.enum(webhookEventTypes))
  .min(1)
  .max(webhookEventTypes.length)
  .refine((events) => new Set(events).size === events.length, 'each event type once');

export const CreateWebhookEndpoint = z.strictObject({
  url: webUrl({ max: 2_000 }),
  events: Events,
  enabled: z.boolean().optional(),
  fulfilment: z.boolean().optional(),
});
export type CreateWebhookEndpoint = z.infer<typeof CreateWebhookEndpoint>;

export const PatchWebhookEndpoint = z
  .strictObject({
    url: webUrl({ max: 2_000 }).optional(),
    events: Events.optional(),
    enabled: z.boolean().optional(),
    fulfilment: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type PatchWebhookEndpoint = z.infer<typeof PatchWebhookEndpoint>;

export const ListDeliveriesQuery = z.strictObject({
  status: z.enum(['PENDING', 'DELIVERED', 'FAILED']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the page before: the id of its last delivery. */
  cursor: Id.optional(),
});
export type ListDeliveriesQuery = z.infer<typeof ListDeliveriesQuery>;
