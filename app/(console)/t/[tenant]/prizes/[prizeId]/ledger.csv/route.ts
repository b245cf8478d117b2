// GET /t/{tenant}/prizes/{prizeId}/ledger.csv – the prize's stock ledger with the page's filters, as CSV
import { authorizeConsole } from '@/lib/auth/console-guard';
import { listStockMovements, type StockMovementDto, type StockMovementQuery } from '@/lib/inventory/list-stock-movements';
import { getPrizeOrThrow } from '@/lib/prizes/get-prize';
import { publicRoute } from '@/lib/http/handlers';
import { searchParams } from '@/lib/http/search-params';
import { streamText } from '@/lib/http/stream-text';
import { currentOperatorId } from '../../../../../_server/session';
import { ledgerQuery, parseLedgerParams } from '../ledger-query';
import { csvField } from '@/lib/http/csv';

const PAGE_SIZE = 500;

export const GET = publicRoute(async ({ req, params }) => {
  // The console's guard: not signed in → 401; another tenant, or its prize → 404.
  const ctx = await authorizeConsole(await currentOperatorId(), params.tenant!, 'ANALYST');
  const prize = await getPrizeOrThrow(ctx.tenantId, params.prizeId!);
  const { filters } = parseLedgerParams(searchParams(req));
  return streamText(ledgerCsv(ctx.tenantId, prize.id, ledgerQuery(filters)), {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="stock-ledger-${prize.id}.csv"`,
    'cache-control': 'private, no-store',
  });
});

const columns = ['createdAt', 'kind', 'freePoolChange', 'activityPoolChange', 'issuedChange', 'returnedChange', 'activityId', 'activity', 'actorType', 'actorId', 'actor', 'reason'] as const;

/** Page by page, so a long ledger never sits in memory. */
async function* ledgerCsv(tenantId: string, prizeId: string, query: Omit<StockMovementQuery, 'limit' | 'cursor'>): AsyncGenerator<string> {
  yield '\uFEFF' + columns.join(',') + '\r\n';
  let cursor: string | undefined;
  for (;;) {
    const { items, nextCursor } = await listStockMovements(tenantId, prizeId, { ...query, limit: PAGE_SIZE, cursor });
    if (items.length > 0) yield items.map((m) => csvRow(m)).join('');
    if (!nextCursor) return;
    cursor = nextCursor;
  }
}

function csvRow(m: StockMovementDto): string {
  const actor = m.actor.type === 'SYSTEM' ? 'system' : m.actor.name;
  return [m.createdAt, m.kind, m.poolDelta, m.activityDelta, m.issuedDelta, m.returnedDelta, m.activity?.id, m.activity?.name, m.actor.type, m.actor.id, actor, m.reason]
    .map(csvField)
    .join(',') + '\r\n';
}
