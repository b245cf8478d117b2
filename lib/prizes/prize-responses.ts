// What the prize endpoints answer (the OpenAPI document's schemas are generated from these).
import { z } from 'zod';
import { Int, page, Time, Uuid } from '../validation/response-fields';

export const PrizeResponse = z.object({
  id: Uuid,
  name: z.string(),
  kind: z.string().meta({ description: 'physical | virtual | coupon | points', example: 'physical' }),
  value: z.number().meta({ description: "one unit's value" }),
  description: z.string().nullable(),
  imageUrl: z.string().nullable(),
  translations: z
    .record(z.string(), z.object({ name: z.string() }))
    .meta({ description: 'the name per language, as given: { "<locale>": { name } }' }),
  stock: z
    .object({ total: Int, available: Int, reserved: Int })
    .meta({ description: 'total = available + reserved; available is what no activity holds' }),
  createdAt: Time,
});

export const PrizePage = page(PrizeResponse);

export const CodesAdded = z.object({
  added: Int,
  total: Int.meta({ description: 'codes the prize has, used or not' }),
  unused: Int.meta({ description: "codes not yet won: the prize's stock" }),
  activityId: Uuid.nullable().meta({
    description:
      'the published activity whose pool (and live draw) took the codes: the one named, or the one live or ' +
      "paused activity holding the prize; null: the prize's free pool",
  }),
});
