// Wall-clock times in an activity's own zone, for the console's period inputs and for specs
// written with their offset ("2027-01-20T00:00:00+08:00"). Pure: runs in the browser too.

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone is ahead of UTC at that instant (Asia/Shanghai: 480). */
export function zoneOffsetMinutes(timeZone: string, atMs: number): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, f);
  }
  const name = f.formatToParts(atMs).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** "YYYY-MM-DDTHH:mm" as a clock in the zone shows the instant (a datetime-local value). */
export function toZonedInput(iso: string, timeZone: string): string {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partFormatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(Date.parse(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The instant a zone's clock shows "YYYY-MM-DDTHH:mm", as ISO with that zone's offset; null if malformed. */
export function fromZonedInput(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let offset = zoneOffsetMinutes(timeZone, asUtc);
  // Near a DST change the offset at the guess may differ from the one at the answer.
  offset = zoneOffsetMinutes(timeZone, asUtc - offset * 60_000);
  return `${local}:00${formatOffset(offset)}`;
}

/** An instant as ISO with the zone's offset, e.g. for a spec export. */
export function toZonedIso(iso: string, timeZone: string): string {
  const utc = new Date(iso).toISOString();
  const seconds = utc.endsWith('.000Z') ? utc.slice(17, 19) : utc.slice(17, 23);
  return `${toZonedInput(iso, timeZone)}:${seconds}${formatOffset(zoneOffsetMinutes(timeZone, Date.parse(iso)))}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Whole local days in a zone as [from, until) instants, the last day included: a filter's
 * "from 1 Nov to 28 Nov" read on the clock the console shows.
 */
export function dayRangeIn(
  from: string | undefined,
  to: string | undefined,
  timeZone: string,
): { from: Date | undefined; until: Date | undefined } {
  const startOf = (day: string) => new Date(fromZonedInput(`${day}T00:00`, timeZone)!);
  const next = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: from ? startOf(from) : undefined, until: to ? startOf(next(to)) : undefined };
}
