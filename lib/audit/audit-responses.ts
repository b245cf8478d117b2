// What GET /api/manage/audit answers.
import { z } from 'zod';
import { AnyJson, page, Time } from '../validation/response-fields';

export const AuditEntryResponse = z.object({
  id: z.string(),
  createdAt: Time,
  actor: z.object({
    type: z.enum(['OPERATOR', 'API_KEY', 'SYSTEM', 'USER']),
    id: z.string().nullable(),
    name: z.string().nullable(),
    detail: z.string().nullable().meta({ description: "an operator's email, a key's prefix" }),
    role: z
      .enum(['OWNER', 'OPERATOR', 'ANALYST'])
      .nullable()
      .meta({ description: "an operator's role in the tenant when they acted (null on older rows)" }),
    scopes: z
      .array(z.string())
      .nullable()
      .meta({ description: "an API key's scopes when it acted; null for other actors and older rows" }),
  }),
  action: z.string(),
  object: z.object({ type: z.string(), id: z.string() }),
  before: AnyJson.meta({ description: 'the object before, as written; null when not recorded' }),
  after: AnyJson,
  requestId: z.string().nullable(),
});
export type AuditEntryResponse = z.output<typeof AuditEntryResponse>;

export const AuditPage = page(AuditEntryResponse);
