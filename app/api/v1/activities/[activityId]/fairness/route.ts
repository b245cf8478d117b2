// GET /api/v1/activities/{activityId}/fairness – the committed seeds, each revealed after its use
import { getActivityFairness } from '@/lib/fairness/get-activity-fairness';
import { withUser } from '@/lib/http/handlers';
import { jsonResponse } from '@/lib/json-response';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withUser(async ({ params, user }) =>
  jsonResponse(await getActivityFairness(user.tenantId, params.activityId!)),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
