// GET /api/manage/activities/{id} – the spec plus status and stock figures
import { getActivityOrThrow } from '@/lib/activities/get-activity';
import { withApiKey } from '@/lib/http/handlers';

export const GET = withApiKey(async ({ params, tenantId }) => Response.json(await getActivityOrThrow(tenantId, params.id!)));
