// What GET /api/v1/activities/{id}/me answers.
import { z } from 'zod';
import { UserWinResponse } from '../fulfilment/fulfilment-responses';
import { Int, Uuid } from '../validation/response-fields';

export const MyStateResponse = z.object({
  chances: Int,
  drawsToday: Int,
  tasks: z.array(
    z.object({
      id: Uuid,
      name: z.string(),
      kind: z.string(),
      confirmBy: z.literal('event').optional().meta({ description: 'a share the host app confirms' }),
      chances: Int,
      doneToday: Int,
      remainingToday: Int.nullable(),
    }),
  ),
  wins: z.array(UserWinResponse),
});
