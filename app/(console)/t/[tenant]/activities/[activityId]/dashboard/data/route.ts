// GET /t/{tenant}/activities/{activityId}/dashboard/data – the live dashboard's figures (polled)
import { authorizeConsole } from '@/lib/auth/console-guard';
import { publicRoute } from '@/lib/http/handlers';
import { getDashboardData } from '@/lib/stats/get-dashboard-data';
import { currentOperatorId } from '../../../../../../_server/session';

export const GET = publicRoute(async ({ params }) => {
  // The console's guard: not signed in → 401; another tenant, or its activity → 404.
  const ctx = await authorizeConsole(await currentOperatorId(), params.tenant!, 'ANALYST');
  return Response.json(await getDashboardData(ctx.tenantId, params.activityId!), { headers: { 'cache-control': 'private, no-store' } });
});
