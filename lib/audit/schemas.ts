import { z } from 'zod';
import { text } from '../validation/text';

/** GET /api/manage/audit: filters, newest first, paged by cursor (the id of the last entry before). */
export const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,17}$/, 'a cursor from a page before')
    .transform((v) => BigInt(v))
    .optional(),
  objectType: text({ min: 1, max: 60 }).optional(),
  objectId: text({ min: 1, max: 200 }).optional(),
  actorType: z.enum(['OPERATOR', 'API_KEY', 'SYSTEM', 'USER']).optional(),
  actorId: text({ min: 1, max: 200 }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
