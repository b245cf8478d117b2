// What the change endpoints take, strict at the edge. A change's patch is the part of the spec a
// live activity may change: tiers' odds and stock (by tier id) and the per-user limits. A limit
// set to null is taken away.
import { z } from 'zod';
import { Instant } from '../validation/calendar';
import { text } from '../validation/text';
import { Id } from '../ids';
import { Probability } from './schemas';

export const CHANGE_SCOPES = ['odds', 'stock', 'period', 'limits', 'tiers', 'tasks', 'materials'] as const;
export type ChangeScope = (typeof CHANGE_SCOPES)[number];

const TierPatch = z.strictObject({
  id: Id,
  probability: Probability.optional(),
  stock: z.number().int().min(0).max(100_000_000).optional(),
});

const LimitsPatch = z.strictObject({
  freeDrawsPerDay: z.number().int().min(0).max(1_000).optional(),
  maxDrawsPerDay: z.number().int().min(0).max(100_000).nullable().optional(),
  maxDrawsTotal: z.number().int().min(0).max(10_000_000).nullable().optional(),
  maxWinsPerUser: z.number().int().min(0).max(100_000).nullable().optional(),
});

export const ChangePatch = z
  .strictObject({
    tiers: z
      .array(TierPatch)
      .min(1)
      .max(20)
      .refine((ts) => new Set(ts.map((t) => t.id)).size === ts.length, 'a tier appears once')
      .optional(),
    limits: LimitsPatch.optional(),
  })
  .refine((p) => p.tiers !== undefined || p.limits !== undefined, 'give tiers or limits');
export type ChangePatch = z.infer<typeof ChangePatch>;

const Reason = text({ min: 1, max: 500 });

export const CreateChange = z.strictObject({
  patch: ChangePatch,
  baseVersion: z.number().int().min(1).max(2_147_483_647).optional(),
  applyAt: Instant.optional(),
  reason: Reason.optional(),
});
export type CreateChange = z.infer<typeof CreateChange>;

/** PATCH /api/manage/changes/{id}: a new patch, time or reason; approvals given before no longer hold. */
export const EditChange = z
  .strictObject({ patch: ChangePatch.optional(), applyAt: Instant.nullable().optional(), reason: Reason.optional() })
  .refine(
    (e) => e.patch !== undefined || e.applyAt !== undefined || e.reason !== undefined,
    'give something to change',
  );
export type EditChange = z.infer<typeof EditChange>;

export const ReviewChange = z.strictObject({ reason: Reason.optional() });
export type ReviewChange = z.infer<typeof ReviewChange>;

export const RestoreVersion = z.strictObject({ applyAt: Instant.optional(), reason: Reason.optional() });
export type RestoreVersion = z.infer<typeof RestoreVersion>;

export const ChangeStatusName = z.enum(['PENDING', 'SCHEDULED', 'APPLIED', 'REJECTED', 'CANCELLED', 'CONFLICT']);

export const ChangesQuery = z.strictObject({
  activityId: Id.optional(),
  status: ChangeStatusName.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ChangesQuery = z.infer<typeof ChangesQuery>;

export const ApprovalPolicyInput = z.strictObject({
  required: z.number().int().min(0).max(5),
  scope: z
    .array(z.enum(CHANGE_SCOPES))
    .max(CHANGE_SCOPES.length)
    .refine((s) => new Set(s).size === s.length, 'a scope appears once')
    .optional(),
});
export type ApprovalPolicyInput = z.infer<typeof ApprovalPolicyInput>;

/** pause / resume / end: a reason, which an approval policy makes required. */
export const BreakGlass = z.strictObject({ reason: Reason.optional() });
export type BreakGlass = z.infer<typeof BreakGlass>;
