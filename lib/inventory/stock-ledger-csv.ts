import type { Viewer } from '../audit/operator-privacy';
import { csvRow } from '../http/csv';
import { listStockMovements, type StockMovementQuery } from './list-stock-movements';

const PAGE_SIZE = 500;
const columns = [
  'createdAt',
  'kind',
  'freePoolChange',
  'activityPoolChange',
  'issuedChange',
  'returnedChange',
  'activityId',
  'activity',
  'actorType',
  'actorId',
  'actor',
  'reason',
];

/** A prize's stock ledger as CSV, page by page, so a long ledger never sits in memory. */
export async function* stockLedgerCsv(
  tenantId: string,
  prizeId: string,
  query: Omit<StockMovementQuery, 'limit' | 'cursor'>,
  viewer?: Viewer,
): AsyncGenerator<string> {
  yield '\uFEFF' + columns.join(',') + '\r\n';
  let cursor: string | undefined;
  for (;;) {
    const page = { ...query, limit: PAGE_SIZE, cursor };
    const { items, nextCursor } = await listStockMovements(tenantId, prizeId, page, viewer);
    if (items.length > 0) {
      yield items
        .map((m) =>
          csvRow([
            m.createdAt,
            m.kind,
            m.poolDelta,
            m.activityDelta,
            m.issuedDelta,
            m.returnedDelta,
            m.activity?.id,
            m.activity?.name,
            m.actor.type,
            m.actor.id,
            m.actor.type === 'SYSTEM' ? 'system' : m.actor.name,
            m.reason,
          ]),
        )
        .join('');
    }
    if (!nextCursor) return;
    cursor = nextCursor;
  }
}
