// GET /api/manage/activities/{id}/stats – exact figures from PostgreSQL
import { getActivityStats } from '@/lib/activities/get-activity-stats';
import { withApiKey } from '@/lib/http/handlers';

export const GET = withApiKey(async ({ params, tenantId }) => Response.json(await getActivityStats(tenantId, params.id!)));
