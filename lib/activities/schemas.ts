// The activity spec the management API takes, strict at the edge. Odds arrive as decimals and
// are kept as integers in millionths from here on: no floats in the draw path.
import { z } from 'zod';
import { CalendarDate, Instant } from '../validation/calendar';
import { text } from '../validation/text';
import { webUrl } from '../validation/web-url';
import { LanguageTag } from '../validation/language-tag';
import { Id } from '../ids';
import { maxOddsSum, type Segment } from '../draw/segments';
import { PROBABILITY_SCALE } from '../draw/probability-scale';
import { BANNER_PATH } from './upload-banner';

/** Lua receives the prizes of a bundle with pre-generated win ids; this bounds their number. */
export const MAX_PRIZES_PER_TIER = 8;

const probability = z
  .number()
  .min(0)
  .max(1)
  .refine(
    (p) => Math.abs(p * PROBABILITY_SCALE - Math.round(p * PROBABILITY_SCALE)) < 1e-6,
    'at most 6 decimal places (1e-6 precision)',
  );

/** Odds as a decimal in [0, 1], at most six decimal places. */
export const Probability = probability;

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Asia/Shanghai');

const isoWithOffset = Instant;

export const TierPrizeSpec = z.strictObject({ prizeId: Id, quantity: z.number().int().min(1).max(1_000).default(1) });

const localDate = CalendarDate;

/** Odds for a window of the activity's local time (lib/draw/segments.ts). */
export const SegmentSpec = z
  .strictObject({
    fromHour: z.number().int().min(0).max(23),
    toHour: z.number().int().min(1).max(24),
    fromDate: localDate.optional(),
    toDate: localDate.optional(),
    probability,
  })
  .refine((s) => s.fromHour !== s.toHour, 'an empty hour range; use 0 to 24 for the whole day')
  .refine((s) => !s.fromDate || !s.toDate || s.fromDate <= s.toDate, 'fromDate after toDate');
export type SegmentSpec = z.infer<typeof SegmentSpec>;

export const TierSpec = z.strictObject({
  name: text({ min: 1, max: 60 }),
  probability,
  stock: z.number().int().min(0).max(100_000_000),
  prizes: z
    .array(TierPrizeSpec)
    .min(1)
    .max(MAX_PRIZES_PER_TIER)
    .refine(
      (ps) => new Set(ps.map((p) => p.prizeId)).size === ps.length,
      'a prize appears once per tier; use quantity',
    ),
  pacing: z.enum(['none', 'even']).default('none'),
  segments: z.array(SegmentSpec).max(24).optional(),
  /** Bounds within which the auto-tune worker may move this tier's probability (lib/odds/auto-tune-tier.ts). */
  autoTune: z
    .strictObject({ minProbability: probability, maxProbability: probability })
    .refine((b) => b.minProbability <= b.maxProbability, 'minProbability must not exceed maxProbability')
    .optional()
    .describe(
      'let the auto-tune worker move the probability within these bounds towards an even release of the stock over the period',
    ),
});
export type TierSpec = z.infer<typeof TierSpec>;

const taskShape = {
  name: text({ min: 1, max: 60 }),
  chances: z.number().int().min(1).max(100),
  perDay: z.number().int().min(1).max(1_000).optional(),
  total: z.number().int().min(1).max(100_000).optional(),
};

export const TaskSpec = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.enum(['sign_in', 'invite']), ...taskShape }),
  z.strictObject({
    kind: z.literal('share'),
    /** "event": paid only on the host app's share_confirmed event, never by the client's complete call. */
    confirmBy: z.enum(['client', 'event']).optional(),
    ...taskShape,
  }),
  z.strictObject({ kind: z.literal('event'), eventType: text({ min: 1, max: 64 }), ...taskShape }),
]);
export type TaskSpec = z.infer<typeof TaskSpec>;

export const Limits = z.strictObject({
  freeDrawsPerDay: z.number().int().min(0).max(1_000).default(0),
  maxDrawsPerDay: z.number().int().min(0).max(100_000).optional(),
  maxDrawsTotal: z.number().int().min(0).max(10_000_000).optional(),
  maxWinsPerUser: z.number().int().min(0).max(100_000).optional(),
});

export const Materials = z.strictObject({
  title: text({ max: 120 }).optional(),
  themeColor: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i, 'a colour like #e11d48')
    .optional(),
  /** An uploaded banner's path on this site, or an http(s) URL. */
  bannerUrl: webUrl({ max: 2_000, orPath: BANNER_PATH }).optional(),
  rulesText: text({ max: 10_000, multiline: true }).optional(),
  /** The wheel's slots: all the same size (default), or sized by each tier's odds. */
  sliceSizes: z.enum(['equal', 'odds']).optional(),
});

const translatedName = (max: number) => z.strictObject({ name: text({ min: 1, max }).optional() });

/** One language's texts of an activity; tiers and tasks by their position in the spec. */
export const SpecTranslation = z.strictObject({
  name: text({ min: 1, max: 120 }).optional(),
  title: text({ max: 120 }).optional(),
  rulesText: text({ max: 10_000, multiline: true }).optional(),
  tiers: z.array(translatedName(60)).max(20).optional(),
  tasks: z.array(translatedName(60)).max(20).optional(),
});

/** `translations: { "<locale>": {...} }`, at most 10 languages. */
export const SpecTranslations = z
  .record(LanguageTag, SpecTranslation)
  .refine((t) => Object.keys(t).length <= 10, 'at most 10 languages');

const specShape = {
  name: text({ min: 1, max: 120 }),
  gameplay: z.enum(['wheel', 'grid', 'scratch']),
  startsAt: isoWithOffset,
  endsAt: isoWithOffset,
  timezone: TimeZone,
  limits: Limits.default({ freeDrawsPerDay: 0 }),
  tiers: z.array(TierSpec).min(1).max(20),
  tasks: z.array(TaskSpec).max(20).default([]),
  materials: Materials.default({}),
  /** The activity's texts per language; the pages and the end-user API fall back to the untranslated ones. */
  translations: SpecTranslations.optional(),
  /** Hours a physical win may stay unclaimed before it is voided and its stock returned. */
  claimWindowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .optional(),
  /** Fixed-winner mode: exactly this many winners drawn among all participants when the activity ends (lib/fixed-winners). */
  fixedWinners: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .describe(
      'when the activity ends, draw exactly this many winners uniformly among all participants; they win the first tier',
    ),
  /** Pause the activity by itself when the odds-drift alarm fires (lib/odds/check-odds-drift.ts). */
  pauseOnDrift: z
    .boolean()
    .optional()
    .describe('pause the activity when its outcomes drift from the configured odds (chi-square, p < 0.001)'),
};

type CheckedSpec = {
  startsAt: string;
  endsAt: string;
  tiers: Pick<TierSpec, 'probability' | 'segments' | 'stock'>[];
  limits: { freeDrawsPerDay: number; maxDrawsPerDay?: number };
  fixedWinners?: number;
  tasks?: unknown[];
  translations?: Record<string, { tiers?: unknown[]; tasks?: unknown[] }>;
};

/**
 * The rules across fields, shared by a whole spec and a draft. They run beside the fields' own
 * issues (the editor shows them all at once), so what they compute with must be checked here:
 * the odds over time wait until every segment's dates are real days.
 */
function checkSpec(spec: CheckedSpec, ctx: z.RefinementCtx) {
  if (Date.parse(spec.endsAt) <= Date.parse(spec.startsAt))
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  if (Date.parse(spec.endsAt) - Date.parse(spec.startsAt) > 366 * 24 * 3600 * 1000)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'a period is at most a year' });
  const total = spec.tiers.reduce((sum, t) => sum + toMicros(t.probability), 0);
  if (total > PROBABILITY_SCALE)
    ctx.addIssue({
      code: 'custom',
      path: ['tiers'],
      message: `odds add up to ${total / PROBABILITY_SCALE}, more than 1`,
    });
  const segments = spec.tiers.flatMap((t) => t.segments ?? []);
  const datesValid = segments.every((s) => isRealDay(s.fromDate) && isRealDay(s.toDate));
  const odds = spec.tiers.map((t) => ({
    probabilityMicros: toMicros(t.probability),
    segments: toSegments(t.segments),
  }));
  const worst = datesValid ? maxOddsSum(odds) : { micros: 0, hour: 0, day: '' };
  if (total <= PROBABILITY_SCALE && worst.micros > PROBABILITY_SCALE) {
    ctx.addIssue({
      code: 'custom',
      path: ['tiers'],
      message: `with time segments the odds add up to ${worst.micros / PROBABILITY_SCALE} at ${String(worst.hour).padStart(2, '0')}:00${worst.day !== '0000-01-01' ? ` on ${worst.day}` : ''}, more than 1`,
    });
  }
  // The fixed winners win the first tier: its stock must cover them (instant wins of it may still leave fewer).
  const firstStock = spec.tiers[0]?.stock ?? 0;
  if (spec.fixedWinners !== undefined && spec.fixedWinners > firstStock)
    ctx.addIssue({
      code: 'custom',
      path: ['fixedWinners'],
      message: `the first tier's stock (${firstStock}) must cover the fixed winners`,
    });
  // A translation names tiers and tasks by position: no more of them than the spec has.
  for (const [lang, tr] of Object.entries(spec.translations ?? {})) {
    if ((tr.tiers?.length ?? 0) > spec.tiers.length)
      ctx.addIssue({ code: 'custom', path: ['translations', lang, 'tiers'], message: 'more tiers than the spec has' });
    if ((tr.tasks?.length ?? 0) > (spec.tasks?.length ?? 0))
      ctx.addIssue({ code: 'custom', path: ['translations', lang, 'tasks'], message: 'more tasks than the spec has' });
  }
  const { maxDrawsPerDay, freeDrawsPerDay } = spec.limits;
  if (maxDrawsPerDay !== undefined && freeDrawsPerDay > maxDrawsPerDay)
    ctx.addIssue({ code: 'custom', path: ['limits', 'freeDrawsPerDay'], message: 'cannot exceed maxDrawsPerDay' });
}

const isRealDay = (day: string | undefined) => day === undefined || CalendarDate.safeParse(day).success;

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
    tiers: z
      .array(
        TierSpec.extend({
          prizes: z
            .array(TierPrizeSpec)
            .max(MAX_PRIZES_PER_TIER)
            .refine(
              (ps) => new Set(ps.map((p) => p.prizeId)).size === ps.length,
              'a prize appears once per tier; use quantity',
            ),
        }),
      )
      .max(20),
  })
  .superRefine(checkSpec);
export type DraftSpec = z.infer<typeof DraftSpec>;

export const PatchTier = z
  .strictObject({ probability: probability.optional(), stock: z.number().int().min(0).max(100_000_000).optional() })
  .refine((p) => p.probability !== undefined || p.stock !== undefined, 'give probability or stock');
export type PatchTier = z.infer<typeof PatchTier>;

/** PATCH /api/manage/activities/{id}: the period, also while published (lib/activities/change-period.ts). */
export const PatchActivity = z
  .strictObject({ startsAt: isoWithOffset.optional(), endsAt: isoWithOffset.optional() })
  .refine((p) => p.startsAt !== undefined || p.endsAt !== undefined, 'give startsAt or endsAt');
export type PatchActivity = z.infer<typeof PatchActivity>;

export const WinnersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: text({ max: 100 }).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  status: z.enum(['AWAITING_CLAIM', 'PENDING_DELIVERY', 'CLAIMED', 'SHIPPED', 'DELIVERED', 'HELD', 'VOID']).optional(),
});
export type WinnersQuery = z.infer<typeof WinnersQuery>;

export function toMicros(p: number): number {
  return Math.round(p * PROBABILITY_SCALE);
}

export function toSegments(segments: SegmentSpec[] = []): Segment[] {
  return segments.map((s) => ({
    fromHour: s.fromHour,
    toHour: s.toHour,
    fromDate: s.fromDate,
    toDate: s.toDate,
    probabilityMicros: toMicros(s.probability),
  }));
}
