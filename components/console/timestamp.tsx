'use client';

// A point in time in the console's zone (components/console/time-zone.tsx) or a given one,
// labelled with the zone's offset, so the server's HTML and the browser's agree and an operator
// never has to guess which clock a time is on. The relative part ("5 min ago") needs the
// viewer's clock, so it appears once hydrated.
import { useSyncExternalStore } from 'react';
import type { ConsoleLocale } from '@/lib/i18n/console/locale';
import { useConsoleLocale, useT } from './i18n';
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

/**
 * "Dec 6, 2026, 19:53 GMT+8" (en) or "2026年12月6日 19:53 GMT+8" (zh-CN): the time in `zone`, with
 * the zone's offset as its label, written as the console's language writes dates.
 */
export function formatInZone(iso: string | Date, zone: string, locale: ConsoleLocale = 'en'): string {
  const key = `${locale} ${zone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : locale, {
      ...options,
      timeZone: zone,
      timeZoneName: 'short',
    });
    formats.set(key, f);
  }
  return f.format(typeof iso === 'string' ? new Date(iso) : iso);
}

export function Timestamp({ iso, withRelative = false, zone }: { iso: string; withRelative?: boolean; zone?: string }) {
  const hydrated = useHydrated();
  const consoleZone = useTimeZone();
  const locale = useConsoleLocale();
  const t = useT();
  const date = new Date(iso);
  const z = zone ?? consoleZone;
  return (
    <time dateTime={iso} title={`${date.toISOString()} (${z})`} className="whitespace-nowrap">
      {formatInZone(date, z, locale)}
      {withRelative && hydrated ? (
        <span className="block text-xs text-zinc-500">{relative(date, locale, t('just now'))}</span>
      ) : null}
    </time>
  );
}

function relative(date: Date, locale: ConsoleLocale, justNow: string): string {
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return justNow;
  if (abs < 45 * 60) return relativeFormat.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return relativeFormat.format(Math.round(seconds / 3600), 'hour');
  if (abs < 26 * 86400) return relativeFormat.format(Math.round(seconds / 86400), 'day');
  if (abs < 320 * 86400) return relativeFormat.format(Math.round(seconds / (30 * 86400)), 'month');
  return relativeFormat.format(Math.round(seconds / (365 * 86400)), 'year');
}
