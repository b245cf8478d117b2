// Risk rules as operators write them, strict at the edge. A rule belongs to
// the tenant (every activity) or to one activity; `action` says what a hit does to the draw.
import { z } from 'zod';
import { text } from '../validation/text';
import { Id } from '../ids';
import { Instant } from '../validation/calendar';

export const RiskActionSpec = z.enum(['block', 'rate_limited', 'force_lose', 'hold']);
const scope = { activityId: Id.optional(), enabled: z.boolean().default(true) };

export const RiskRuleSpec = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.enum(['rate_limit_user', 'rate_limit_device', 'rate_limit_ip']),
    limit: z.number().int().min(1).max(100_000),
    windowSeconds: z.number().int().min(1).max(86_400),
    action: RiskActionSpec.default('rate_limited'),
    ...scope,
  }),
  z.strictObject({
    kind: z.literal('accounts_per_device'),
    max: z.number().int().min(1).max(1_000),
    action: RiskActionSpec.default('block'),
    ...scope,
  }),
  z.strictObject({
    kind: z.literal('min_account_age'),
    minAgeSeconds: z
      .number()
      .int()
      .min(1)
      .max(3 * 365 * 86_400),
    action: RiskActionSpec.default('block'),
    ...scope,
  }),
  z.strictObject({ kind: z.literal('blacklist'), action: RiskActionSpec.default('block'), ...scope }),
  // Found after the fact by the stats worker (lib/risk/find-anomalies.ts): a flagged subject
  // meets the rule's action on its next draws, for `flagHours`.
  z.strictObject({
    kind: z.literal('win_rate_anomaly'),
    windowMinutes: z.number().int().min(1).max(1_440),
    minDraws: z.number().int().min(1).max(100_000),
    maxWinRate: z.number().min(0).max(1),
    flagHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    action: RiskActionSpec.default('hold'),
    ...scope,
  }),
  z.strictObject({
    kind: z.literal('velocity_anomaly'),
    by: z.enum(['user', 'device', 'ip']),
    windowMinutes: z.number().int().min(1).max(1_440),
    maxDraws: z.number().int().min(1).max(1_000_000),
    flagHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    action: RiskActionSpec.default('block'),
    ...scope,
  }),
]);
export type RiskRuleSpec = z.infer<typeof RiskRuleSpec>;

export const RiskListKindSpec = z.enum(['user', 'device', 'ip']);

export const RiskListEntriesSpec = z.strictObject({
  kind: RiskListKindSpec,
  values: z
    .array(text({ min: 1, max: 128 }))
    .min(1)
    .max(10_000),
  reason: text({ max: 200 }).optional(),
});
export type RiskListEntriesSpec = z.infer<typeof RiskListEntriesSpec>;

/** The rule's parameters as stored in RiskRule.params. */
export function ruleParams(spec: RiskRuleSpec): Record<string, number | string> {
  switch (spec.kind) {
    case 'rate_limit_user':
    case 'rate_limit_device':
    case 'rate_limit_ip':
      return { limit: spec.limit, windowSeconds: spec.windowSeconds };
    case 'accounts_per_device':
      return { max: spec.max };
    case 'min_account_age':
      return { minAgeSeconds: spec.minAgeSeconds };
    case 'blacklist':
      return {};
    case 'win_rate_anomaly':
      return {
        windowMinutes: spec.windowMinutes,
        minDraws: spec.minDraws,
        maxWinRate: spec.maxWinRate,
        flagHours: spec.flagHours,
      };
    case 'velocity_anomaly':
      return { by: spec.by, windowMinutes: spec.windowMinutes, maxDraws: spec.maxDraws, flagHours: spec.flagHours };
  }
}

/** PATCH /api/manage/risk/rules/{id}: switch a rule on or off, or change what a hit does. */
export const PatchRiskRule = z
  .strictObject({ enabled: z.boolean().optional(), action: RiskActionSpec.optional() })
  .refine((p) => p.enabled !== undefined || p.action !== undefined, 'give enabled or action');
export type PatchRiskRule = z.infer<typeof PatchRiskRule>;

/** POST /api/manage/risk/lists: add values to a blacklist, or take them off. */
export const RiskListChange = RiskListEntriesSpec.extend({ action: z.enum(['add', 'remove']) });
export type RiskListChange = z.infer<typeof RiskListChange>;

export const RiskRuleKindSpec = z.enum([
  'rate_limit_user',
  'rate_limit_device',
  'rate_limit_ip',
  'accounts_per_device',
  'min_account_age',
  'blacklist',
  'win_rate_anomaly',
  'velocity_anomaly',
]);

/** A cursor over rows numbered by a bigint id: the id of the last row of the page before. */
export const BigintCursor = z
  .string()
  .regex(/^[1-9]\d{0,17}$/, 'a cursor from a page before')
  .transform((v) => BigInt(v));

/** GET /api/manage/risk/events: filters, newest first, paged by cursor. */
export const RiskEventsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: BigintCursor.optional(),
  activityId: Id.optional(),
  kind: RiskRuleKindSpec.optional(),
  action: RiskActionSpec.optional(),
  userId: text({ min: 1, max: 128 }).optional(),
  deviceId: text({ min: 1, max: 128 }).optional(),
  ip: text({ min: 1, max: 64 }).optional(),
  from: Instant.transform((v) => new Date(v)).optional(),
  to: Instant.transform((v) => new Date(v)).optional(),
});
export type RiskEventsQuery = z.infer<typeof RiskEventsQuery>;

/** 10,000 values of the longest kind, as JSON: a list change may be larger than the usual 64 KiB. */
export const RISK_LIST_BODY_BYTES = 1_400_000;
