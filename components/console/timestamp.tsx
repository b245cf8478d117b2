'use client';

// Times render in UTC on the server and switch to the viewer's own zone once hydrated, so the
// HTML is deterministic and the operator still reads local time.
import { useSyncExternalStore } from 'react';

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
const utcFormat = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export function Timestamp({ iso, withRelative = false }: { iso: string; withRelative?: boolean }) {
  const hydrated = useHydrated();
  const date = new Date(iso);
  const absolute = hydrated ? new Intl.DateTimeFormat('en-US', options).format(date) : `${utcFormat.format(date)} UTC`;
  return (
    <time dateTime={iso} title={date.toISOString()} className="whitespace-nowrap">
      {absolute}
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
