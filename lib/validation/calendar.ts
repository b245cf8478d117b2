// Dates from outside, as storage and the draw can hold them: real calendar dates (no February
// 30th) between 1970-01-01 and 9999-12-31. Before 1970 an instant is a negative number of
// milliseconds, which the draw's clocks and cursors do not expect; past 9999 neither ISO 8601's
// four-digit years nor our cursors can write it.
import { z } from 'zod';

export const FIRST_DAY = '1970-01-01';
export const LAST_DAY = '9999-12-31';
const FIRST_MS = Date.UTC(1970, 0, 1);
const END_MS = Date.UTC(10000, 0, 1);
const RANGE = `a date between ${FIRST_DAY} and ${LAST_DAY}`;

/** Whether an instant (milliseconds since 1970, UTC) lies in the years storage takes. */
export function isStorableMs(ms: number): boolean {
  return Number.isFinite(ms) && ms >= FIRST_MS && ms < END_MS;
}

/** An ISO 8601 instant with an offset, e.g. 2027-01-20T00:00:00+08:00, on a real day in 1970–9999 (UTC). */
export const Instant = z.iso
  .datetime({ offset: true, message: 'a date-time like 2027-01-20T00:00:00+08:00 on a real calendar day' })
  .refine((v) => isStorableMs(Date.parse(v)), RANGE);

/** A calendar day, e.g. 2027-01-28: a real one (2027-02-30 is refused), in 1970–9999. */
export const CalendarDate = z.iso
  .date('a real calendar date like 2027-01-28')
  .refine((v) => v >= FIRST_DAY && v <= LAST_DAY, RANGE);
