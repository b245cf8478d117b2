// What the fairness endpoints answer (the OpenAPI document's schemas are generated from these).
import { z } from 'zod';
import { Int, Time, Uuid } from '../validation/response-fields';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const FairnessResponse = z.object({
  algorithm: z.string().meta({ example: 'hmac-sha256-r1e6-v1' }),
  seeds: z.array(
    z.object({
      commitment: Hex64.meta({ description: 'hex SHA-256 of the seed' }),
      activeFrom: Time,
      activeTo: Time.optional(),
      seed: Hex64.optional().meta({ description: 'the seed, once revealed (after the end, or after a rotation)' }),
    }),
  ),
});

export const DrawProofResponse = z.object({
  activityId: z.string(),
  userId: z.string(),
  idempotencyKey: z.string(),
  commitment: Hex64,
  i: Int.nullable().meta({
    description: "the counter of the number that decided the draw; a fixed winner's: null when placed without one",
  }),
  r: Int.min(0).max(999_999).nullable(),
  drawnAt: Time,
  timezone: z.string(),
  configVersion: Int.nullable(),
  odds: z.array(Int).meta({ description: 'micros in tier order' }),
  pickedTier: Int.nullable(),
  fallback: z.enum(['none', 'stock', 'pacing', 'limit', 'policy']),
  outcome: z.enum(['win', 'lose']),
  fixedWinner: z
    .object({
      participants: Int.meta({ description: 'participants sampled, in ascending order of user id' }),
      wanted: Int,
      drawn: Int,
      position: Int.meta({ description: "this winner's 0-based position among the participants" }),
      slot: Int.meta({ description: 'the reservoir slot they kept' }),
      subsample: z
        .object({ slot: Int, i: Int.nullable(), r: Int.nullable() })
        .nullable()
        .meta({ description: 'when fewer were drawn than wanted: the second sampling over the reservoir' }),
    })
    .optional()
    .meta({ description: "only on a fixed winner's draw: their place in the reservoir sampling (docs/fairness.md)" }),
});

/** GET /api/v1/activities/{id}/me/draws: the user's own draws, newest first. */
export const MyDrawsPage = z.object({
  items: z.array(
    z.object({
      drawId: Uuid,
      drawnAt: Time,
      outcome: z.enum(['win', 'lose']),
      tier: z.object({ id: Uuid, name: z.string() }).nullable(),
      provable: z.boolean().meta({ description: 'the draw has a proof (drawn with a committed seed)' }),
    }),
  ),
  nextCursor: Uuid.nullable().meta({ description: 'pass as cursor for the next page; null: no more' }),
  timezone: z.string().meta({ description: "the activity's zone, for showing the times" }),
});
