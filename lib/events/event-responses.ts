// What POST /api/v1/events answers.
import { z } from 'zod';
import { Int } from '../validation/response-fields';

export const EventsResponse = z.object({
  received: Int,
  counted: Int,
  duplicates: Int,
  results: z.array(z.object({ eventId: z.string(), status: z.enum(['counted', 'duplicate']), chancesGranted: Int })),
});
