// The winners page's filters in its query string (?activity=&tier=&status=&from=&to=&user=&cursor=),
// read the same way by the page and by its CSV export, so the download holds exactly what is
// shown. Values that do not parse are dropped: a hand-edited URL shows the unfiltered list.
import { z } from 'zod';
import type { WinnerFilters } from '@/lib/fulfilment/list-winners';
import { dayRangeIn } from '@/lib/activities/zoned-time';
import { hrefWithQuery, pickQuery } from '@/lib/http/search-params';
import { isUuid } from '@/lib/ids';
import { CalendarDate, isStorableMs } from '@/lib/validation/calendar';
import { text } from '@/lib/validation/text';
import { Id } from '@/lib/ids';
import { winStatuses } from '@/components/console/winners/win-status';

/** Filters as the form shows them; dates are whole days in the console's zone, `to` included. */
export type WinnersFilterValues = {
  activity?: string;
  tier?: string;
  status?: (typeof winStatuses)[number];
  from?: string;
  to?: string;
  user?: string;
};

const Day = CalendarDate;
const fields = {
  activity: Id,
  tier: Id,
  status: z.enum(winStatuses),
  from: Day,
  to: Day,
  user: text({ min: 1, max: 128 }),
  // A timestamp in 1970–9999 and a win id: what queryWinners can look up.
  cursor: z
    .string()
    .regex(/^\d{1,15}_[0-9a-f-]{36}$/i)
    .refine((c) => isStorableMs(Number(c.split('_')[0])) && isUuid(c.split('_')[1]!)),
} as const;

export function parseWinnersParams(params: Record<string, string | string[] | undefined>): {
  filters: WinnersFilterValues;
  cursor?: string;
} {
  const { cursor, ...filters } = pickQuery(params, fields);
  return { filters, cursor };
}

/** The lib filters for these values. */
/** `timeZone`: the console's, in which the filter's days are read. */
export function winnerFilters(values: WinnersFilterValues, timeZone: string): WinnerFilters {
  return {
    activityId: values.activity,
    tierId: values.tier,
    status: values.status,
    userId: values.user,
    ...dayRangeIn(values.from, values.to, timeZone),
  };
}

/** `path` with the filters (and a cursor) as its query string. */
export function winnersHref(path: string, filters: WinnersFilterValues, cursor?: string): string {
  return hrefWithQuery(path, { ...filters, cursor });
}
