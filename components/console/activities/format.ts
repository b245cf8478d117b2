// Number and period formats shared by the activity pages (server and client alike), written as
// the console's language writes them.
import type { ConsoleLocale } from '@/lib/i18n/console/locale';
import { msg } from '@/lib/i18n/console/translator';

const tag = (locale: ConsoleLocale) => (locale === 'en' ? 'en-US' : locale);

/** Odds as a percentage with as many decimals as they need (0.0001 % precision). */
export function percent(probability: number): string {
  // A no-break space: "0.5 %" never splits across lines in a narrow column.
  return `${Number((probability * 100).toFixed(4))}\u00a0%`;
}

/** An amount in minor units (cents) with two decimals. */
export function formatMinor(minor: number, locale: ConsoleLocale = 'en'): string {
  return new Intl.NumberFormat(tag(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minor / 100);
}

/** A rate with at most one decimal ("12.5"). */
export function formatRate(value: number, locale: ConsoleLocale = 'en'): string {
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 1 }).format(value);
}

/** "20 Jan 2027, 00:00 – 5 Feb 2027, 00:00" (en) in the activity's zone. */
export function formatPeriod(startsAt: string, endsAt: string, timeZone: string, locale: ConsoleLocale = 'en'): string {
  const f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${f.format(new Date(startsAt))} – ${f.format(new Date(endsAt))}`;
}

export function formatInstant(iso: string, timeZone: string, locale: ConsoleLocale = 'en'): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** How the activity list names a gameplay (lower case: the list capitalises it). */
export const gameplayLabels: Record<string, string> = {
  wheel: msg('wheel'),
  grid: msg('9-grid'),
  scratch: msg('scratch'),
};

/** An activity status's English name, shown through `t(...)`. */
export const activityStatusLabels: Record<string, string> = {
  DRAFT: msg('Draft'),
  SCHEDULED: msg('Scheduled'),
  LIVE: msg('Live'),
  PAUSED: msg('Paused'),
  ENDED: msg('Ended'),
};
