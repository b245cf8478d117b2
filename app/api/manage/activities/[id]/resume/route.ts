// POST /api/manage/activities/{id}/resume – lifecycle
import { changeActivityStatus } from '@/lib/activities/change-status';
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ params, tenantId, actor }) =>
  Response.json(await changeActivityStatus(tenantId, actor, { activityId: params.id!, transition: 'resume' })),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
