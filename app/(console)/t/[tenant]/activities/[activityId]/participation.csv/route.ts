// GET /t/{tenant}/activities/{activityId}/participation.csv – one row per player of the activity,
// streamed (operators: the rows name players)
import { participationCsv } from '@/lib/exports/activity-exports';
import { csvDownload } from '@/lib/exports/csv-download';
import { publicRoute } from '@/lib/http/handlers';
import { requireConsole } from '../../../../../_server/session';

export const GET = publicRoute(async ({ params }) => {
  const ctx = await requireConsole(params.tenant!, 'OPERATOR');
  return csvDownload(participationCsv(ctx.tenantId, params.activityId!), `participation-${params.activityId}.csv`);
});
