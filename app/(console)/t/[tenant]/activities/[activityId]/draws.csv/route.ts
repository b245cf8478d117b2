// GET /t/{tenant}/activities/{activityId}/draws.csv – every draw of the activity, streamed (operators:
// the rows name players)
import { drawsCsv } from '@/lib/exports/activity-exports';
import { csvDownload } from '@/lib/exports/csv-download';
import { publicRoute } from '@/lib/http/handlers';
import { requireConsole } from '../../../../../_server/session';

export const GET = publicRoute(async ({ params }) => {
  const ctx = await requireConsole(params.tenant!, 'OPERATOR');
  return csvDownload(drawsCsv(ctx.tenantId, params.activityId!), `draws-${params.activityId}.csv`);
});
