// "Today" for free draws and caps, and the hour for time segments, are the activity's own
// time zone's. Formatting a date in a zone costs microseconds that every draw would pay, and
// zones change offset only on whole minutes, so each zone's answer is kept for its minute.
const formatters = new Map<string, Intl.DateTimeFormat>();
const byMinute = new Map<string, { minute: number; day: string; hour: number }>();

export function localClock(timeZone: string, atMs: number): { day: string; hour: number } {
  const minute = Math.floor(atMs / 60_000);
  const hit = byMinute.get(timeZone);
  if (hit && hit.minute === minute) return hit;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(atMs).map((p) => [p.type, p.value]));
  const clock = { minute, day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
  if (byMinute.size > 1_000) byMinute.clear();
  byMinute.set(timeZone, clock);
  return clock;
}

export function localDay(timeZone: string, atMs: number): string {
  return localClock(timeZone, atMs).day;
}

/** The hour of the day (0-23) in the zone. */
export function localHour(timeZone: string, atMs: number): number {
  return localClock(timeZone, atMs).hour;
}
