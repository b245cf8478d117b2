// POST /api/manage/activities/{id}/publish – reserve stock, pre-warm Redis, go LIVE or SCHEDULED
import { publishActivity } from '@/lib/activities/publish-activity';
import { withApiKey } from '@/lib/http/handlers';

export const POST = withApiKey(async ({ params, tenantId, actor }) => Response.json(await publishActivity(tenantId, actor, params.id!)));
