// What the fairness endpoints answer (the OpenAPI document's schemas are generated from these).
import { z } from 'zod';
import { Int, Time } from '../validation/response-fields';

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
  i: Int,
  r: Int.min(0).max(999_999),
  drawnAt: Time,
  timezone: z.string(),
  configVersion: Int.nullable(),
  odds: z.array(Int).meta({ description: 'micros in tier order' }),
  pickedTier: Int.nullable(),
  fallback: z.enum(['none', 'stock', 'pacing', 'limit', 'policy']),
  outcome: z.enum(['win', 'lose']),
});
