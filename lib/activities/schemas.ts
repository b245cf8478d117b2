// The activity spec of API.md, strict at the edge. Odds arrive as decimals and are kept as
// integers in millionths from here on (STYLE.md §11).
import { z } from 'zod';

export const PROBABILITY_SCALE = 1_000_000;
/** Lua receives the prizes of a bundle with pre-generated win ids; this bounds their number. */
export const MAX_PRIZES_PER_TIER = 8;

const probability = z
  .number()
  .min(0)
  .max(1)
  .refine((p) => Math.abs(p * PROBABILITY_SCALE - Math.round(p * PROBABILITY_SCALE)) < 1e-6, 'at most 6 decimal places (1e-6 precision)');

export const TimeZone = z.string().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Asia/Shanghai');

const isoWithOffset = z.iso.datetime({ offset: true });

export const TierPrizeSpec = z.strictObject({ prizeId: z.uuid(), quantity: z.number().int().min(1).max(1_000).default(1) });

export const TierSpec = z.strictObject({
  name: z.string().trim().min(1).max(60),
  probability,
  stock: z.number().int().min(0).max(100_000_000),
  prizes: z.array(TierPrizeSpec).min(1).max(MAX_PRIZES_PER_TIER).refine((ps) => new Set(ps.map((p) => p.prizeId)).size === ps.length, 'a prize appears once per tier; use quantity'),
  pacing: z.enum(['none', 'even']).default('none'),
});
export type TierSpec = z.infer<typeof TierSpec>;

export const TaskSpec = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.enum(['sign_in', 'share', 'invite']), name: z.string().trim().min(1).max(60), chances: z.number().int().min(1).max(100), perDay: z.number().int().min(1).max(1_000).optional(), total: z.number().int().min(1).max(100_000).optional() }),
  z.strictObject({ kind: z.literal('event'), eventType: z.string().trim().min(1).max(64), name: z.string().trim().min(1).max(60), chances: z.number().int().min(1).max(100), perDay: z.number().int().min(1).max(1_000).optional(), total: z.number().int().min(1).max(100_000).optional() }),
]);
export type TaskSpec = z.infer<typeof TaskSpec>;

export const Limits = z.strictObject({
  freeDrawsPerDay: z.number().int().min(0).max(1_000).default(0),
  maxDrawsPerDay: z.number().int().min(0).max(100_000).optional(),
  maxDrawsTotal: z.number().int().min(0).max(10_000_000).optional(),
  maxWinsPerUser: z.number().int().min(0).max(100_000).optional(),
});

export const Materials = z.strictObject({
  title: z.string().max(120).optional(),
  themeColor: z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour like #e11d48').optional(),
  bannerUrl: z.string().max(2_000).optional(),
  rulesText: z.string().max(10_000).optional(),
});

const specShape = {
  name: z.string().trim().min(1).max(120),
  gameplay: z.enum(['wheel', 'grid', 'scratch']),
  startsAt: isoWithOffset,
  endsAt: isoWithOffset,
  timezone: TimeZone,
  limits: Limits.default({ freeDrawsPerDay: 0 }),
  tiers: z.array(TierSpec).min(1).max(20),
  tasks: z.array(TaskSpec).max(20).default([]),
  materials: Materials.default({}),
  /** Hours a physical win may stay unclaimed before it is voided and its stock returned. */
  claimWindowHours: z.number().int().min(1).max(24 * 365).optional(),
};

function checkSpec(spec: { startsAt: string; endsAt: string; tiers: { probability: number }[]; limits: { freeDrawsPerDay: number; maxDrawsPerDay?: number } }, ctx: z.RefinementCtx) {
  if (Date.parse(spec.endsAt) <= Date.parse(spec.startsAt)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  if (Date.parse(spec.endsAt) - Date.parse(spec.startsAt) > 366 * 24 * 3600 * 1000) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'a period is at most a year' });
  const total = spec.tiers.reduce((sum, t) => sum + toMicros(t.probability), 0);
  if (total > PROBABILITY_SCALE) ctx.addIssue({ code: 'custom', path: ['tiers'], message: `odds add up to ${total / PROBABILITY_SCALE}, more than 1` });
  const { maxDrawsPerDay, freeDrawsPerDay } = spec.limits;
  if (maxDrawsPerDay !== undefined && freeDrawsPerDay > maxDrawsPerDay) ctx.addIssue({ code: 'custom', path: ['limits', 'freeDrawsPerDay'], message: 'cannot exceed maxDrawsPerDay' });
}

export const ActivitySpec = z.strictObject(specShape).superRefine(checkSpec);
export type ActivitySpec = z.infer<typeof ActivitySpec>;

/**
 * A draft as the console saves it while the operator types: the spec's rules for every field
 * present, but a draft may have no tier yet or a tier without a prize. Publishing asks for
 * the rest (publishBlockers); the API accepts only a whole ActivitySpec.
 */
export const DraftSpec = z
  .strictObject({
    ...specShape,
    tiers: z.array(TierSpec.extend({ prizes: z.array(TierPrizeSpec).max(MAX_PRIZES_PER_TIER).refine((ps) => new Set(ps.map((p) => p.prizeId)).size === ps.length, 'a prize appears once per tier; use quantity') })).max(20),
  })
  .superRefine(checkSpec);
export type DraftSpec = z.infer<typeof DraftSpec>;

export const PatchTier = z
  .strictObject({ probability: probability.optional(), stock: z.number().int().min(0).max(100_000_000).optional() })
  .refine((p) => p.probability !== undefined || p.stock !== undefined, 'give probability or stock');
export type PatchTier = z.infer<typeof PatchTier>;

export const WinnersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(100).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  status: z.enum(['AWAITING_CLAIM', 'CLAIMED', 'SHIPPED', 'DELIVERED', 'HELD', 'VOID']).optional(),
});
export type WinnersQuery = z.infer<typeof WinnersQuery>;

export function toMicros(p: number): number {
  return Math.round(p * PROBABILITY_SCALE);
}
