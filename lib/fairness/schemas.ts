// The fairness routes' query strings, judged at the edge.
import { z } from 'zod';
import { Id } from '../ids';
import { LanguageTag } from '../validation/language-tag';

/** GET /api/v1/activities/{id}/me/draws: newest first, paged by cursor (the last draw id of the page before). */
export const MyDrawsQuery = z.strictObject({
  cursor: Id.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  lang: LanguageTag.optional(),
});
export type MyDrawsQuery = z.infer<typeof MyDrawsQuery>;
