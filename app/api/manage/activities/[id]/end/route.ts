// POST /api/manage/activities/{id}/end – lifecycle; unused stock goes back to the total pools
import { changeActivityStatus } from '@/lib/activities/change-status';
import { BreakGlass } from '@/lib/activities/change-schemas';
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';
import { readOptionalJson } from '@/lib/http/read-json';

// Break-glass: never waits for approvals; under an approval policy `reason` is required.
export const POST = withApiKey(async ({ req, params, tenantId, actor }) => {
  const { reason } = await readOptionalJson(req, BreakGlass);
  return Response.json(
    await changeActivityStatus(tenantId, actor, { activityId: params.id!, transition: 'end', reason }),
  );
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
