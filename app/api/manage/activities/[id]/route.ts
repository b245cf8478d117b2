// GET /api/manage/activities/{id} – the spec plus status and stock figures
// PATCH /api/manage/activities/{id} – move the period; once published, as a change (202 while it awaits approval)
import { patchPeriodOrPropose } from '@/lib/activities/change-period';
import { getActivityOrThrow } from '@/lib/activities/get-activity';
import { PatchActivity } from '@/lib/activities/schemas';
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withApiKey(async ({ params, tenantId }) =>
  Response.json(await getActivityOrThrow(tenantId, params.id!)),
);

export const PATCH = withApiKey(async ({ req, params, tenantId, actor }) => {
  const patch = await readJson(req, PatchActivity);
  const { status, body } = await patchPeriodOrPropose(tenantId, actor, { activityId: params.id!, patch });
  return Response.json(body, { status });
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, DELETE } = otherMethods({ GET, PATCH });
