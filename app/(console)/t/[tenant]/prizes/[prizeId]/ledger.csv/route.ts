// GET /t/{tenant}/prizes/{prizeId}/ledger.csv – the prize's stock ledger with the page's filters, as CSV
import { publicRoute } from '@/lib/http/handlers';
import { searchParams } from '@/lib/http/search-params';
import { streamText } from '@/lib/http/stream-text';
import { stockLedgerCsv } from '@/lib/inventory/stock-ledger-csv';
import { getPrizeOrThrow } from '@/lib/prizes/get-prize';
import { requireConsole } from '../../../../../_server/session';
import { ledgerQuery, parseLedgerParams } from '../ledger-query';

export const GET = publicRoute(async ({ req, params }) => {
  // The console's guard: not signed in → 401; another tenant, or its prize → 404.
  const ctx = await requireConsole(params.tenant!, 'ANALYST');
  const prize = await getPrizeOrThrow(ctx.tenantId, params.prizeId!);
  const { filters } = parseLedgerParams(searchParams(req));
  return streamText(stockLedgerCsv(ctx.tenantId, prize.id, ledgerQuery(filters, ctx.tenantTimezone), ctx), {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="stock-ledger-${prize.id}.csv"`,
    'cache-control': 'private, no-store',
  });
});
