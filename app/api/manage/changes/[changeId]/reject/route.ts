// POST /api/manage/changes/{changeId}/reject – reject a change, optionally saying why
import { rejectChange } from '@/lib/activities/review-change';
import { ReviewChange } from '@/lib/activities/change-schemas';
import { withApiKey } from '@/lib/http/handlers';
import { readOptionalJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ req, params, tenantId, actor }) => {
  const { reason } = await readOptionalJson(req, ReviewChange);
  return Response.json(await rejectChange(tenantId, actor, { changeId: params.changeId!, reason }));
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
