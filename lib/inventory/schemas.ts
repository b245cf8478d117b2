import { z } from 'zod';
import { text } from '../validation/text';
import { Id } from '../ids';

export const PoolStockChange = z.strictObject({
  prizeId: Id,
  /** Units moved into the activity pool from the total pool (> 0) or released back (< 0). */
  quantity: z
    .number()
    .int()
    .min(-100_000_000)
    .max(100_000_000)
    .refine((q) => q !== 0, 'must not be 0'),
  reason: text({ max: 500 }).optional(),
});
export type PoolStockChange = z.infer<typeof PoolStockChange>;
