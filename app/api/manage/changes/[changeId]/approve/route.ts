// POST /api/manage/changes/{changeId}/approve – approve a change as it is now (not its proposer)
import { approveChange } from '@/lib/activities/review-change';
import { ReviewChange } from '@/lib/activities/change-schemas';
import { withApiKey } from '@/lib/http/handlers';
import { readOptionalJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ req, params, tenantId, actor }) => {
  await readOptionalJson(req, ReviewChange);
  return Response.json(await approveChange(tenantId, actor, params.changeId!));
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
