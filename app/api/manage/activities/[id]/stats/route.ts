// GET /api/manage/activities/{id}/stats – exact figures from PostgreSQL
import { getActivityStats } from '@/lib/activities/get-activity-stats';
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withApiKey(async ({ params, tenantId }) =>
  Response.json(await getActivityStats(tenantId, params.id!)),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
