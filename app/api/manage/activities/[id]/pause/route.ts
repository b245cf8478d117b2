// POST /api/manage/activities/{id}/pause – lifecycle
import { changeActivityStatus } from '@/lib/activities/change-status';
import { withApiKey } from '@/lib/http/handlers';

export const POST = withApiKey(async ({ params, tenantId, actor }) => Response.json(await changeActivityStatus(tenantId, actor, params.id!, 'pause')));
