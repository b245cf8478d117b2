// The ledger page's filters in its query string (?kind=&activity=&from=&to=&cursor=), read the
// same way by the page and by its CSV export, so the download holds exactly what is shown.
// Values that do not parse are dropped: a hand-edited URL shows the unfiltered ledger.
import { z } from 'zod';
import type { StockMovementKind, StockMovementQuery } from '@/lib/inventory/list-stock-movements';

export const stockMovementKinds = ['RESTOCK', 'RESERVE', 'RELEASE', 'ISSUE', 'RETURN', 'ADJUST'] as const satisfies readonly StockMovementKind[];

/** Filters as the form shows them; dates are whole UTC days, `to` included. */
export type LedgerFilters = { kind?: StockMovementKind; activity?: string; from?: string; to?: string };

const Day = z.iso.date();
const fields = {
  kind: z.enum(stockMovementKinds),
  activity: z.uuid(),
  from: Day,
  to: Day,
  cursor: z.string().regex(/^\d{1,15}_\d{1,19}$/),
} as const;

type RawParams = Record<string, string | string[] | undefined>;

export function parseLedgerParams(params: RawParams): { filters: LedgerFilters; cursor?: string } {
  const pick = <K extends keyof typeof fields>(key: K): z.infer<(typeof fields)[K]> | undefined => {
    const value = params[key];
    const parsed = fields[key].safeParse(typeof value === 'string' ? value : undefined);
    return parsed.success ? (parsed.data as z.infer<(typeof fields)[K]>) : undefined;
  };
  const filters: LedgerFilters = { kind: pick('kind'), activity: pick('activity'), from: pick('from'), to: pick('to') };
  for (const key of Object.keys(filters) as (keyof LedgerFilters)[]) if (filters[key] === undefined) delete filters[key];
  return { filters, cursor: pick('cursor') };
}

/** The lib query for these filters (without limit and cursor). */
export function ledgerQuery(filters: LedgerFilters): Omit<StockMovementQuery, 'limit' | 'cursor'> {
  return {
    kind: filters.kind,
    activityId: filters.activity,
    from: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
    until: filters.to ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000) : undefined,
  };
}

/** `path` with the filters (and a cursor) as its query string. */
export function ledgerHref(path: string, filters: LedgerFilters, cursor?: string): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, cursor })) if (value) qs.set(key, value);
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}
