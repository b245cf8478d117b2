// GET /api/manage/audit – every change with who, when, before and after, filtered, paged by cursor
import { isReadOnly } from '@/lib/auth/api-key-scopes';
import { listAuditPage } from '@/lib/audit/list-audit-logs';
import { AuditQuery } from '@/lib/audit/schemas';
import { withApiKey } from '@/lib/http/handlers';
import { searchParams } from '@/lib/http/search-params';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withApiKey(async ({ req, tenantId, actor, scopes }) =>
  Response.json(
    await listAuditPage(tenantId, AuditQuery.parse(searchParams(req)), {
      apiKeyId: actor.id,
      readOnly: isReadOnly(scopes),
    }),
  ),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
