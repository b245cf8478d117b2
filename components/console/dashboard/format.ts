// Number and time formats of the dashboard, shared by its panels and charts, written as the
// console's language writes them.
import type { ConsoleLocale } from '@/lib/i18n/console/locale';
import type { Translator } from '@/lib/i18n/console/translator';

const tag = (locale: ConsoleLocale) => (locale === 'en' ? 'en-US' : locale);
const numberFormats = new Map<string, Intl.NumberFormat>();
function numbers(locale: ConsoleLocale, kind: 'count' | 'compact') {
  let f = numberFormats.get(`${kind}:${locale}`);
  if (!f) {
    f = new Intl.NumberFormat(
      tag(locale),
      kind === 'compact' ? { notation: 'compact', maximumFractionDigits: 1 } : undefined,
    );
    numberFormats.set(`${kind}:${locale}`, f);
  }
  return f;
}

export const formatCount = (n: number, locale: ConsoleLocale = 'en') => numbers(locale, 'count').format(n);
export const formatCompact = (n: number, locale: ConsoleLocale = 'en') =>
  numbers(locale, Math.abs(n) < 10_000 ? 'count' : 'compact').format(n);
export const formatPercent = (p: number | null, digits = 2, locale: ConsoleLocale = 'en') =>
  p === null ? '—' : `${(p * 100).toLocaleString(tag(locale), { maximumFractionDigits: digits })}%`;

// Times are the activity's local times (its zone is named once on the dashboard's header).
const clockOptions: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const dayClockOptions: Intl.DateTimeFormatOptions = { ...clockOptions, month: 'short', day: 'numeric' };
const formats = new Map<string, Intl.DateTimeFormat>();
function inZone(options: Intl.DateTimeFormatOptions, kind: string, zone: string, locale: ConsoleLocale) {
  const key = `${kind}:${zone}:${locale}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(tag(locale), { ...options, timeZone: zone });
    formats.set(key, f);
  }
  return f;
}
export const formatClock = (iso: string, zone: string, locale: ConsoleLocale = 'en') =>
  inZone(clockOptions, 'clock', zone, locale).format(new Date(iso));
export const formatDayClock = (iso: string, zone: string, locale: ConsoleLocale = 'en') =>
  inZone(dayClockOptions, 'day', zone, locale).format(new Date(iso));

export function formatAge(fromIso: string | null, nowMs: number, t: Translator): string {
  if (!fromIso) return t('not yet');
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(fromIso)) / 1000));
  if (seconds < 60) return t('{seconds} s ago', { seconds });
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? t('{minutes} min ago', { minutes }) : t('{hours} h ago', { hours: Math.round(minutes / 60) });
}
