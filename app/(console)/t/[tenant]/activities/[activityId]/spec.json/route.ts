// GET /t/{tenant}/activities/{activityId}/spec.json – the activity's spec (the management API's format), to download
import { getActivityOrThrow } from '@/lib/activities/get-activity';
import { toActivitySpec } from '@/lib/activities/activity-spec';
import { publicRoute } from '@/lib/http/handlers';
import { requireConsole } from '../../../../../_server/session';

export const GET = publicRoute(async ({ params }) => {
  const ctx = await requireConsole(params.tenant!, 'ANALYST');
  const activity = await getActivityOrThrow(ctx.tenantId, params.activityId!);
  return new Response(`${JSON.stringify(toActivitySpec(activity), null, 2)}\n`, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="activity-${activity.id}.json"`,
      'cache-control': 'private, no-store',
    },
  });
});
