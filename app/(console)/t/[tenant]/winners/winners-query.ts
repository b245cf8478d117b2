// The winners page's filters in its query string (?activity=&tier=&status=&from=&to=&user=&cursor=),
// read the same way by the page and by its CSV export, so the download holds exactly what is
// shown. Values that do not parse are dropped: a hand-edited URL shows the unfiltered list.
import { z } from 'zod';
import type { WinnerFilters } from '@/lib/fulfilment/list-winners';
import { winStatuses } from '@/components/console/winners/win-status';

/** Filters as the form shows them; dates are whole UTC days, `to` included. */
export type WinnersFilterValues = { activity?: string; tier?: string; status?: (typeof winStatuses)[number]; from?: string; to?: string; user?: string };

const Day = z.iso.date();
const fields = {
  activity: z.uuid(),
  tier: z.uuid(),
  status: z.enum(winStatuses),
  from: Day,
  to: Day,
  user: z.string().trim().min(1).max(128),
  cursor: z.string().regex(/^\d{1,15}_[0-9a-f-]{36}$/i),
} as const;

type RawParams = Record<string, string | string[] | undefined>;

export function parseWinnersParams(params: RawParams): { filters: WinnersFilterValues; cursor?: string } {
  const pick = <K extends keyof typeof fields>(key: K): z.infer<(typeof fields)[K]> | undefined => {
    const value = params[key];
    const parsed = fields[key].safeParse(typeof value === 'string' ? value : undefined);
    return parsed.success ? (parsed.data as z.infer<(typeof fields)[K]>) : undefined;
  };
  const filters: WinnersFilterValues = { activity: pick('activity'), tier: pick('tier'), status: pick('status'), from: pick('from'), to: pick('to'), user: pick('user') };
  for (const key of Object.keys(filters) as (keyof WinnersFilterValues)[]) if (filters[key] === undefined) delete filters[key];
  return { filters, cursor: pick('cursor') };
}

/** The lib filters for these values. */
export function winnerFilters(values: WinnersFilterValues): WinnerFilters {
  return {
    activityId: values.activity,
    tierId: values.tier,
    status: values.status,
    userId: values.user,
    from: values.from ? new Date(`${values.from}T00:00:00Z`) : undefined,
    until: values.to ? new Date(Date.parse(`${values.to}T00:00:00Z`) + 86_400_000) : undefined,
  };
}

/** `path` with the filters (and a cursor) as its query string. */
export function winnersHref(path: string, filters: WinnersFilterValues, cursor?: string): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, cursor })) if (value) qs.set(key, value);
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}
