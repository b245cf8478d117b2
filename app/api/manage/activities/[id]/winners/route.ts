// GET /api/manage/activities/{id}/winners – paged JSON, or ?format=csv for a download
import { WinnersQuery } from '@/lib/activities/schemas';
import { csvDownload } from '@/lib/exports/csv-download';
import { listWinners, winnersCsv } from '@/lib/fulfilment/list-winners';
import { withApiKey } from '@/lib/http/handlers';
import { searchParams } from '@/lib/http/search-params';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withApiKey(async ({ req, params, tenantId }) => {
  const query = WinnersQuery.parse(searchParams(req));
  if (query.format === 'csv') {
    return csvDownload(winnersCsv(tenantId, params.id!, query.status), `winners-${params.id}.csv`);
  }
  return Response.json(await listWinners(tenantId, params.id!, query));
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
