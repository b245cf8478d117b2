// GET /t/{tenant}/winners/winners.csv – the winners with the page's filters, as CSV: the same
// columns and rows as GET /api/manage/activities/{id}/winners?format=csv
import { csvDownload } from '@/lib/exports/csv-download';
import { filteredWinnersCsv } from '@/lib/fulfilment/list-winners';
import { publicRoute } from '@/lib/http/handlers';
import { searchParams } from '@/lib/http/search-params';
import { requireConsole } from '../../../../_server/session';
import { parseWinnersParams, winnerFilters } from '../winners-query';

export const GET = publicRoute(async ({ req, params }) => {
  // The console's guard: not signed in → 401; another tenant → 404; an analyst, who sees contact
  // details masked, exports none → 403.
  const ctx = await requireConsole(params.tenant!, 'OPERATOR');
  const { filters } = parseWinnersParams(searchParams(req));
  const name = filters.activity ? `winners-${filters.activity}.csv` : `winners-${ctx.tenantSlug}.csv`;
  return csvDownload(filteredWinnersCsv(ctx.tenantId, winnerFilters(filters, ctx.tenantTimezone)), name);
});
