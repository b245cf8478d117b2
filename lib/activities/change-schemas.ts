// What the change endpoints take, strict at the edge. A change's patch is the part of the spec a
// published activity may change: its name, materials and translations, claim window, period and
// limits; tiers (existing ones by id, new ones without, and ones taken out) and tasks alike. A
// limit, cap or material set to null is taken away; a field left out stays as it is.
import { z } from 'zod';
import { Instant } from '../validation/calendar';
import { text } from '../validation/text';
import { Id } from '../ids';
import { Materials, Probability, SegmentSpec, SpecTranslations, TaskSpec, TierSpec } from './schemas';

export const CHANGE_SCOPES = ['odds', 'stock', 'period', 'limits', 'tiers', 'tasks', 'materials'] as const;
export type ChangeScope = (typeof CHANGE_SCOPES)[number];

const AutoTuneBounds = TierSpec.shape.autoTune.unwrap();

/** An existing tier, by id: probability, segments and autoTune are odds; stock is stock; name and pacing tiers. */
const TierEdit = z.strictObject({
  id: Id,
  probability: Probability.optional(),
  stock: z.number().int().min(0).max(100_000_000).optional(),
  name: text({ min: 1, max: 60 }).optional(),
  pacing: z.enum(['none', 'even']).optional(),
  segments: z.array(SegmentSpec).max(24).optional(),
  autoTune: AutoTuneBounds.nullable().optional(),
});
export type TierEdit = z.infer<typeof TierEdit>;

/** No id: a tier the change adds, as a spec writes one. */
export const NewTier = TierSpec;
export type NewTier = z.infer<typeof NewTier>;

const TierPatch = z.union([TierEdit, NewTier]);
export type TierPatch = z.infer<typeof TierPatch>;

const TaskEdit = z.strictObject({
  id: Id,
  name: text({ min: 1, max: 60 }).optional(),
  chances: z.number().int().min(1).max(100).optional(),
  perDay: z.number().int().min(1).max(1_000).nullable().optional(),
  total: z.number().int().min(1).max(100_000).nullable().optional(),
  confirmBy: z.enum(['client', 'event']).optional(),
});
export type TaskEdit = z.infer<typeof TaskEdit>;

const TaskPatch = z.union([TaskEdit, TaskSpec]);
export type TaskPatch = z.infer<typeof TaskPatch>;

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
const MaterialsPatch = z.strictObject({
  title: nullable(Materials.shape.title.unwrap()),
  themeColor: nullable(Materials.shape.themeColor.unwrap()),
  bannerUrl: nullable(Materials.shape.bannerUrl.unwrap()),
  rulesText: nullable(Materials.shape.rulesText.unwrap()),
  sliceSizes: nullable(Materials.shape.sliceSizes.unwrap()),
});

const LimitsPatch = z.strictObject({
  freeDrawsPerDay: z.number().int().min(0).max(1_000).optional(),
  maxDrawsPerDay: z.number().int().min(0).max(100_000).nullable().optional(),
  maxDrawsTotal: z.number().int().min(0).max(10_000_000).nullable().optional(),
  maxWinsPerUser: z.number().int().min(0).max(100_000).nullable().optional(),
});

const uniqueIds = (ids: string[]) => new Set(ids).size === ids.length;

export const ChangePatch = z
  .strictObject({
    name: text({ min: 1, max: 120 }).optional(),
    materials: MaterialsPatch.optional(),
    translations: SpecTranslations.optional(),
    claimWindowHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .nullable()
      .optional(),
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
    limits: LimitsPatch.optional(),
    tiers: z
      .array(TierPatch)
      .min(1)
      .max(20)
      .refine((ts) => uniqueIds(ts.flatMap((t) => ('id' in t ? [t.id] : []))), 'a tier appears once')
      .optional(),
    removeTiers: z.array(Id).min(1).max(20).refine(uniqueIds, 'a tier appears once').optional(),
    tasks: z
      .array(TaskPatch)
      .min(1)
      .max(20)
      .refine((ts) => uniqueIds(ts.flatMap((t) => ('id' in t ? [t.id] : []))), 'a task appears once')
      .optional(),
    removeTasks: z.array(Id).min(1).max(20).refine(uniqueIds, 'a task appears once').optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'give something to change');
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
