// Building blocks of the response schemas (the `*-responses.ts` files beside each domain): what
// the API answers, in zod, so the OpenAPI document is generated from the same types the answers
// are built with (lib/openapi/openapi-document.ts).
import { z } from 'zod';

/** An id as written in answers: 8-4-4-4-12 hex digits, lower case. */
export const Uuid = z.guid();
/** An instant as answers write it: ISO 8601 in UTC (`Date.prototype.toISOString`). */
export const Time = z.iso.datetime();
/** An integer count or figure. */
export const Int = z.int();
/** Free-form JSON kept as it was written (configuration snapshots, audit before/after). */
export const AnyJson = z.unknown();
/** `{ items, nextCursor }`: pass nextCursor back as `cursor` for the next page; null on the last. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
