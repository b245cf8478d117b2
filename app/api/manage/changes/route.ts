// GET /api/manage/changes?activityId=&status= – the tenant's changes, newest first
import { listChanges } from '@/lib/activities/list-changes';
import { ChangesQuery } from '@/lib/activities/change-schemas';
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';
import { searchParams } from '@/lib/http/search-params';

export const GET = withApiKey(async ({ req, tenantId }) =>
  Response.json(await listChanges(tenantId, ChangesQuery.parse(searchParams(req)))),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
