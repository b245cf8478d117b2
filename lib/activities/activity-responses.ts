// What the activity, change and version endpoints answer (the OpenAPI document's schemas are
// generated from these; the DTO builders return these types).
import { z } from 'zod';
import { AnyJson, Int, Time, Uuid } from '../validation/response-fields';
import { CHANGE_SCOPES } from './change-schemas';

const Status = z
  .enum(['DRAFT', 'SCHEDULED', 'LIVE', 'PAUSED', 'ENDED'])
  .meta({ description: 'an activity whose books are settled is ENDED too' });
const Actor = z.object({
  type: z.enum(['OPERATOR', 'API_KEY', 'SYSTEM', 'USER']),
  id: z.string().nullable(),
});
const Translations = z
  .record(z.string(), z.record(z.string(), AnyJson))
  .meta({ description: '{ "<locale>": { name?, title?, rulesText?, tiers?: [{ name }], tasks?: [{ name }] } }' });

/** A management view of an activity: its spec, status and the stock its pools hold. */
export const ActivityResponse = z.object({
  id: Uuid,
  name: z.string(),
  status: Status,
  gameplay: z.string().meta({ example: 'wheel' }),
  startsAt: Time,
  endsAt: Time,
  timezone: z.string().meta({ example: 'Asia/Shanghai' }),
  limits: z.object({
    freeDrawsPerDay: Int,
    maxDrawsPerDay: Int.optional(),
    maxDrawsTotal: Int.optional(),
    maxWinsPerUser: Int.optional(),
  }),
  materials: z.record(z.string(), z.string()),
  translations: Translations,
  claimWindowHours: Int.optional(),
  fixedWinners: AnyJson.optional().meta({ description: 'a fixed-winner draw: when and how many (docs/draw.md)' }),
  pauseOnDrift: z.boolean(),
  tiers: z.array(
    z.object({
      id: Uuid,
      name: z.string(),
      probability: z.number().min(0).max(1),
      stock: Int,
      issued: Int,
      pacing: z.string().meta({ description: 'none | even' }),
      segments: z
        .array(
          z.object({
            fromHour: Int,
            toHour: Int,
            fromDate: z.string().optional(),
            toDate: z.string().optional(),
            probability: z.number(),
          }),
        )
        .optional(),
      autoTune: z.object({ minProbability: z.number(), maxProbability: z.number() }).optional(),
      prizes: z.array(z.object({ prizeId: Uuid, quantity: Int, name: z.string(), kind: z.string() })),
    }),
  ),
  tasks: z.array(
    z.object({
      id: Uuid,
      kind: z.string().meta({ description: 'sign_in | share | event | invite' }),
      name: z.string(),
      chances: Int,
      eventType: z.string().optional(),
      confirmBy: z.string().optional(),
      perDay: Int.optional(),
      total: Int.optional(),
    }),
  ),
  stock: z.array(z.object({ prizeId: Uuid, reserved: Int, issued: Int, returned: Int, remaining: Int })),
  configVersion: Int,
  publishedAt: Time.nullable(),
  endedAt: Time.nullable(),
  createdAt: Time,
});
export type ActivityResponse = z.output<typeof ActivityResponse>;

/** GET /api/v1/activities/{id}: what an end user sees, odds disclosed. */
export const PublicActivityResponse = z.object({
  id: Uuid,
  name: z.string(),
  lang: z.string().nullable().meta({ description: 'the stored language picked; null: the untranslated text' }),
  gameplay: z.string(),
  materials: z.record(z.string(), AnyJson),
  startsAt: Time,
  endsAt: Time,
  timezone: z.string(),
  status: Status,
  configVersion: Int.meta({ description: 'the configuration version the odds below are of' }),
  limits: z.object({
    freeDrawsPerDay: Int,
    maxDrawsPerDay: Int.nullable(),
    maxDrawsTotal: Int.nullable(),
    maxWinsPerUser: Int.nullable(),
  }),
  tiers: z.array(
    z.object({
      id: Uuid,
      name: z.string(),
      probability: z.number().meta({ description: 'the odds that pick the tier now (time segment applied)' }),
      baseProbability: z.number(),
      schedule: z.array(
        z.object({
          fromHour: Int,
          toHour: Int,
          fromDate: z.string().optional(),
          toDate: z.string().optional(),
          probability: z.number(),
        }),
      ),
      pacing: z.string().meta({ description: 'none | even: pacing can only turn a win into no win' }),
      prizes: z.array(
        z.object({ prizeId: Uuid, name: z.string(), kind: z.string(), imageUrl: z.string().nullable(), quantity: Int }),
      ),
    }),
  ),
  noWinProbability: z.number(),
  fairness: z.object({
    commitment: z.string().nullable().meta({ description: 'hex SHA-256 of the seed in use' }),
    algorithm: z.string().meta({ example: 'hmac-sha256-r1e6-v1' }),
  }),
});

export const ActivityStatsResponse = z.object({
  draws: Int,
  wins: Int,
  uniqueUsers: Int,
  byTier: z.array(
    z.object({
      tierId: Uuid,
      name: z.string(),
      configured: z.number(),
      oddsNow: z.number(),
      wins: Int,
      drawShare: z.number(),
    }),
  ),
  stock: z.array(z.object({ prizeId: Uuid, reserved: Int, issued: Int, returned: Int, remaining: Int })),
  risk: z.object({ events: Int }),
});

/** POST /api/manage/activities/{id}/stock: the activity's pool of that prize after the move. */
export const PoolResponse = z.object({ prizeId: Uuid, reserved: Int, issued: Int, returned: Int });

export const ConfigVersionResponse = z.object({
  version: Int,
  hash: z.string(),
  createdAt: Time,
  createdBy: Actor,
  appliedAt: Time,
  summary: z.string(),
});
export const ConfigVersionDetail = ConfigVersionResponse.extend({
  config: z
    .record(z.string(), AnyJson)
    .meta({ description: 'the whole configuration of that version: the spec, each tier with its id' }),
});

const DiffEntry = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('odds'),
    path: z.string(),
    tierId: z.string(),
    tier: z.string(),
    beforePercent: z.number(),
    afterPercent: z.number(),
  }),
  z.object({
    kind: z.literal('stock'),
    path: z.string(),
    tierId: z.string(),
    tier: z.string(),
    before: Int,
    after: Int,
    deltaUnits: Int,
  }),
  z.object({ kind: z.literal('limits'), path: z.string(), before: Int.nullable(), after: Int.nullable() }),
  z.object({ kind: z.literal('materials'), path: z.string(), before: AnyJson, after: AnyJson }),
  z.object({ kind: z.literal('period'), path: z.enum(['startsAt', 'endsAt']), before: z.string(), after: z.string() }),
  z.object({
    kind: z.literal('tier'),
    scope: z.enum(['odds', 'tiers']),
    path: z.string(),
    tierId: z.string(),
    tier: z.string(),
    before: AnyJson,
    after: AnyJson,
  }),
  z.object({
    kind: z.literal('tierAdded'),
    path: z.string(),
    tierId: z.string().nullable(),
    tier: z.string(),
    before: z.null(),
    after: AnyJson.meta({ description: 'the tier as it will be' }),
  }),
  z.object({
    kind: z.literal('tierRemoved'),
    path: z.string(),
    tierId: z.string(),
    tier: z.string(),
    before: AnyJson.meta({ description: 'the tier as it was' }),
    after: z.null(),
  }),
  z.object({
    kind: z.literal('task'),
    path: z.string(),
    taskId: z.string(),
    task: z.string(),
    before: AnyJson,
    after: AnyJson,
  }),
  z.object({
    kind: z.literal('taskAdded'),
    path: z.string(),
    taskId: z.string().nullable(),
    task: z.string(),
    before: z.null(),
    after: AnyJson.meta({ description: 'the task as it will be' }),
  }),
  z.object({
    kind: z.literal('taskRemoved'),
    path: z.string(),
    taskId: z.string(),
    task: z.string(),
    before: AnyJson.meta({ description: 'the task as it was' }),
    after: z.null(),
  }),
  z
    .object({ kind: z.literal('status'), path: z.literal('status'), before: z.string(), after: z.string() })
    .meta({ description: 'not a field of the spec: a status the system moved by itself (the drift pause)' }),
]);

/** A proposed change of a published configuration. */
export const ChangeResponse = z.object({
  id: Uuid,
  activityId: Uuid,
  status: z.enum(['PENDING', 'SCHEDULED', 'APPLIED', 'REJECTED', 'CANCELLED', 'CONFLICT']),
  baseVersion: Int,
  hash: z.string(),
  patch: AnyJson.meta({ description: 'the part of the spec it changes' }),
  diff: z.object({
    entries: z.array(DiffEntry).meta({
      description: 'field by field: odds in percent, stock in units, limits, materials, period, tiers, tasks',
    }),
    scopes: z.array(z.enum(CHANGE_SCOPES)),
    cost: z
      .array(z.object({ prizeId: Uuid, needBefore: Int, needAfter: Int, reserve: Int, release: Int }))
      .meta({ description: 'per prize, units to reserve or that could be released' }),
  }),
  applyAt: Time.nullable(),
  reason: z.string().nullable(),
  proposedBy: Actor,
  approvals: z.array(z.object({ by: Actor, at: Time })),
  approvalsRequired: Int.optional(),
  appliedVersion: Int.nullable(),
  appliedAt: Time.nullable(),
  closedBy: Actor.nullable(),
  closedReason: z.string().nullable(),
  createdAt: Time,
  updatedAt: Time,
});

export const ApprovalPolicyResponse = z.object({
  required: Int.min(0).max(5),
  scope: z.array(z.enum(CHANGE_SCOPES)),
});
