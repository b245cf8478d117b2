import { z } from 'zod';
import { text } from '../validation/text';
import { webUrl } from '../validation/web-url';
import { Id } from '../ids';
import { LanguageTag } from '../validation/language-tag';

export const PrizeKindInput = z.enum(['physical', 'virtual', 'coupon', 'points']);

/** The name per language: `{ "<locale>": { name } }`, at most 10 languages. */
const PrizeTranslations = z
  .record(LanguageTag, z.strictObject({ name: text({ min: 1, max: 120 }) }))
  .refine((t) => Object.keys(t).length <= 10, 'at most 10 languages');

export const CreatePrize = z
  .strictObject({
    name: text({ min: 1, max: 120 }),
    kind: PrizeKindInput,
    /** Value of one unit in major currency units, at most two decimals. */
    value: z.number().min(0).max(10_000_000).multipleOf(0.01).optional(),
    stock: z.number().int().min(0).max(100_000_000),
    description: text({ max: 2_000, multiline: true }).optional(),
    imageUrl: webUrl({ max: 2_000 }).optional(),
    translations: PrizeTranslations.optional(),
  })
  .refine((p) => p.kind !== 'coupon' || p.stock === 0, {
    path: ['stock'],
    message: 'must be 0 for a coupon prize: its stock is its codes, added with POST /api/manage/prizes/{id}/codes',
  });
export type CreatePrize = z.infer<typeof CreatePrize>;

/**
 * What describes a prize may change at any time (its kind, value and stock do not: value and kind
 * are what was promised to winners, stock moves through restock); `translations` replaces the set.
 */
export const UpdatePrize = z
  .strictObject({
    name: text({ min: 1, max: 120 }).optional(),
    description: text({ max: 2_000, multiline: true }).nullable().optional(),
    imageUrl: webUrl({ max: 2_000 }).nullable().optional(),
    translations: PrizeTranslations.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type UpdatePrize = z.infer<typeof UpdatePrize>;

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

/** The most codes one call adds; a bigger pool is uploaded in several calls. */
export const MAX_CODES_PER_CALL = 10_000;
/** 10,000 codes of the longest kind, as JSON: the one body larger than the usual 64 KiB. */
export const MAX_CODES_BODY_BYTES = 1_200_000;
/** A coupon code: what a shop's checkout takes, so printable text of sane length. */
export const CouponCodeText = text({ min: 1, max: 100 });

export const AddCodes = z.strictObject({
  codes: z
    .array(CouponCodeText)
    .min(1, 'send at least one code')
    .max(MAX_CODES_PER_CALL, `send at most ${MAX_CODES_PER_CALL} codes a call`),
  /**
   * The published activity whose pool (and live draw) takes the codes. Without it they go to the
   * one live or paused activity holding the prize, or to the prize's free pool when none or several do.
   */
  activityId: Id.optional(),
});
export type AddCodes = z.infer<typeof AddCodes>;
