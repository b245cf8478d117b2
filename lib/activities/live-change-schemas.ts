// What the dashboard's live adjustments send. Each carries what the operator saw in the diff
// preview (`expected`), so a change made meanwhile by someone else is refused, not overwritten.
import { z } from 'zod';
import { PatchTier } from './schemas';

const Probability = z.number().min(0).max(1);
const Stock = z.number().int().min(0).max(100_000_000);

export const LiveTierAdjustment = z
  .strictObject({
    probability: Probability.optional(),
    stock: Stock.optional(),
    expected: z.strictObject({ probability: Probability, stock: Stock }),
  })
  .refine((a) => a.probability !== undefined || a.stock !== undefined, 'give probability or stock');
export type LiveTierAdjustment = z.infer<typeof LiveTierAdjustment>;

export const StatusTransition = z.enum(['pause', 'resume', 'end']);
export type StatusTransition = z.infer<typeof StatusTransition>;

export const LiveStatusChange = z.strictObject({
  transition: StatusTransition,
  expectedStatus: z.enum(['DRAFT', 'SCHEDULED', 'LIVE', 'PAUSED', 'ENDED']),
});
export type LiveStatusChange = z.infer<typeof LiveStatusChange>;

/** The patch itself, as the management API would validate it. */
export function toPatchTier(a: LiveTierAdjustment): PatchTier {
  return PatchTier.parse({
    ...(a.probability !== undefined ? { probability: a.probability } : {}),
    ...(a.stock !== undefined ? { stock: a.stock } : {}),
  });
}
