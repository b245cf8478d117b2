// What POST /api/v1/activities/{id}/draws answers (the OpenAPI document's schema is generated
// from this; DrawBody is its type).
import { z } from 'zod';
import { Int, Uuid } from '../validation/response-fields';

export const DrawResponse = z.object({
  drawId: Uuid,
  outcome: z.enum(['win', 'lose']),
  tier: z.object({ id: Uuid, name: z.string() }).nullable(),
  prizes: z.array(
    z.object({
      prizeId: Uuid,
      name: z.string(),
      kind: z.string(),
      quantity: Int,
      codes: z
        .array(z.string())
        .optional()
        .meta({ description: 'a coupon prize: its codes, one per unit (not while the win is held for review)' }),
    }),
  ),
  winIds: z.array(Uuid),
  chancesLeft: Int,
  held: z
    .literal(true)
    .optional()
    .meta({ description: 'the win waits for a review by the operator before it can be claimed' }),
});
