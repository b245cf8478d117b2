// The ledger page's filters in its query string (?kind=&activity=&from=&to=&cursor=), read the
// same way by the page and by its CSV export, so the download holds exactly what is shown.
// Values that do not parse are dropped: a hand-edited URL shows the unfiltered ledger.
import { z } from 'zod';
import { dayRangeIn } from '@/lib/activities/zoned-time';
import { hrefWithQuery, pickQuery } from '@/lib/http/search-params';
import { CalendarDate, isStorableMs } from '@/lib/validation/calendar';
import { isInt8Text } from '@/lib/validation/storage-limits';
import { Id } from '@/lib/ids';
import type { StockMovementKind, StockMovementQuery } from '@/lib/inventory/list-stock-movements';

export const stockMovementKinds = [
  'RESTOCK',
  'RESERVE',
  'RELEASE',
  'ISSUE',
  'RETURN',
  'ADJUST',
] as const satisfies readonly StockMovementKind[];

/** Filters as the form shows them; dates are whole days in the console's zone, `to` included. */
export type LedgerFilters = { kind?: StockMovementKind; activity?: string; from?: string; to?: string };

const Day = CalendarDate;
const fields = {
  kind: z.enum(stockMovementKinds),
  activity: Id,
  from: Day,
  to: Day,
  // A timestamp in 1970–9999 and a bigint id: what listStockMovements can look up.
  cursor: z
    .string()
    .regex(/^\d{1,15}_\d{1,19}$/)
    .refine((c) => isStorableMs(Number(c.split('_')[0])) && isInt8Text(c.split('_')[1]!)),
} as const;

export function parseLedgerParams(params: Record<string, string | string[] | undefined>): {
  filters: LedgerFilters;
  cursor?: string;
} {
  const { cursor, ...filters } = pickQuery(params, fields);
  return { filters, cursor };
}

/** The lib query for these filters (without limit and cursor). */
export function ledgerQuery(filters: LedgerFilters, timeZone: string): Omit<StockMovementQuery, 'limit' | 'cursor'> {
  return {
    kind: filters.kind,
    activityId: filters.activity,
    ...dayRangeIn(filters.from, filters.to, timeZone),
  };
}

/** `path` with the filters (and a cursor) as its query string. */
export function ledgerHref(path: string, filters: LedgerFilters, cursor?: string): string {
  return hrefWithQuery(path, { ...filters, cursor });
}
