// GET /t/{tenant}/activities/{activityId}/dashboard/data – the live dashboard's figures (polled)
import { publicRoute } from '@/lib/http/handlers';
import { getDashboardData } from '@/lib/stats/get-dashboard-data';
import { requireConsole } from '../../../../../../_server/session';

export const GET = publicRoute(async ({ params }) => {
  // The console's guard: not signed in → 401; another tenant, or its activity → 404.
  const ctx = await requireConsole(params.tenant!, 'ANALYST');
  const data = await getDashboardData(ctx.tenantId, params.activityId!, { viewer: ctx });
  return Response.json(data, { headers: { 'cache-control': 'private, no-store' } });
});
