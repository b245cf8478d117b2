'use client';

// A point in time in the console's zone (components/console/time-zone.tsx) or a given one,
// labelled with the zone's offset, so the server's HTML and the browser's agree and an operator
// never has to guess which clock a time is on. The relative part ("5 min ago") needs the
// viewer's clock, so it appears once hydrated.
import { useSyncExternalStore } from 'react';
import { useTimeZone } from './time-zone';

const noopSubscribe = () => () => {};
const useHydrated = () =>
  useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );

const options: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};
const formats = new Map<string, Intl.DateTimeFormat>();

/** "Dec 6, 2026, 19:53 GMT+8": the time in `zone`, with the zone's offset as its label. */
export function formatInZone(iso: string | Date, zone: string): string {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone, timeZoneName: 'short' });
    formats.set(zone, f);
  }
  return f.format(typeof iso === 'string' ? new Date(iso) : iso);
}

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export function Timestamp({ iso, withRelative = false, zone }: { iso: string; withRelative?: boolean; zone?: string }) {
  const hydrated = useHydrated();
  const consoleZone = useTimeZone();
  const date = new Date(iso);
  const z = zone ?? consoleZone;
  return (
    <time dateTime={iso} title={`${date.toISOString()} (${z})`} className="whitespace-nowrap">
      {formatInZone(date, z)}
      {withRelative && hydrated ? <span className="block text-xs text-zinc-500">{relative(date)}</span> : null}
    </time>
  );
}

function relative(date: Date): string {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 45 * 60) return relativeFormat.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return relativeFormat.format(Math.round(seconds / 3600), 'hour');
  if (abs < 26 * 86400) return relativeFormat.format(Math.round(seconds / 86400), 'day');
  if (abs < 320 * 86400) return relativeFormat.format(Math.round(seconds / (30 * 86400)), 'month');
  return relativeFormat.format(Math.round(seconds / (365 * 86400)), 'year');
}
