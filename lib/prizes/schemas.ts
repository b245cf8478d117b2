import { z } from 'zod';
import { text } from '../validation/text';
import { webUrl } from '../validation/web-url';
import { Id } from '../ids';
import { LanguageTag } from '../validation/language-tag';

export const PrizeKindInput = z.enum(['physical', 'virtual', 'coupon', 'points']);

export const CreatePrize = z.strictObject({
  name: text({ min: 1, max: 120 }),
  kind: PrizeKindInput,
  /** Value of one unit in major currency units, at most two decimals. */
  value: z.number().min(0).max(10_000_000).multipleOf(0.01).optional(),
  stock: z.number().int().min(0).max(100_000_000),
  description: text({ max: 2_000, multiline: true }).optional(),
  imageUrl: webUrl({ max: 2_000 }).optional(),
  /** The name per language: `{ "<locale>": { name } }`, at most 10 languages. */
  translations: z
    .record(LanguageTag, z.strictObject({ name: text({ min: 1, max: 120 }) }))
    .refine((t) => Object.keys(t).length <= 10, 'at most 10 languages')
    .optional(),
});
export type CreatePrize = z.infer<typeof CreatePrize>;

export const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: Id.optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export const Restock = z.strictObject({
  /** Units added to (or, negative, taken from) the total pool; never below 0 available. */
  quantity: z
    .number()
    .int()
    .min(-100_000_000)
    .max(100_000_000)
    .refine((q) => q !== 0, 'must not be 0'),
  reason: text({ max: 500 }).optional(),
});
export type Restock = z.infer<typeof Restock>;
