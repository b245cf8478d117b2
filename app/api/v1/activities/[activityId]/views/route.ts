// POST /api/v1/activities/{activityId}/views – the play page reports a load (204); counted for the
// dashboard's funnel (lib/stats/page-views.ts)
import { withUser } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';
import { countPageView } from '@/lib/stats/page-views';

export const POST = withUser(async ({ params, user }) => {
  await countPageView(user.tenantId, params.activityId!);
  return new Response(null, { status: 204 });
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });
