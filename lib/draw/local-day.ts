// "Today" for free draws and caps, and the hour for time segments, are the activity's own
// time zone's.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const hourFormatters = new Map<string, Intl.DateTimeFormat>();

export function localDay(timeZone: string, atMs: number): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  return f.format(atMs); // en-CA formats as YYYY-MM-DD
}

/** The hour of the day (0-23) in the zone. */
export function localHour(timeZone: string, atMs: number): number {
  let f = hourFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    hourFormatters.set(timeZone, f);
  }
  return Number(f.format(atMs));
}
