// POST /api/manage/activities/{id}/end – lifecycle; unused stock goes back to the total pools
import { changeActivityStatus } from '@/lib/activities/change-status';
import { withApiKey } from '@/lib/http/handlers';

export const POST = withApiKey(async ({ params, tenantId, actor }) => Response.json(await changeActivityStatus(tenantId, actor, params.id!, 'end')));
