// The console's languages. The operator picks one (a cookie, set from the header's switcher); until
// then the browser's Accept-Language decides, and English is the fallback.
import { wantedLanguages } from '../translate';

export const consoleLocales = ['en', 'zh-CN'] as const;
export type ConsoleLocale = (typeof consoleLocales)[number];
export const CONSOLE_LOCALE_COOKIE = 'console_locale';
export const consoleLocaleNames: Record<ConsoleLocale, string> = { en: 'English', 'zh-CN': '中文' };

export function isConsoleLocale(value: unknown): value is ConsoleLocale {
  return typeof value === 'string' && (consoleLocales as readonly string[]).includes(value);
}

/** The cookie's choice when it names a console language, else the first Accept-Language match. */
export function pickConsoleLocale(cookie: string | undefined, acceptLanguage: string | null): ConsoleLocale {
  if (isConsoleLocale(cookie)) return cookie;
  for (const tag of wantedLanguages(null, acceptLanguage)) {
    const lower = tag.toLowerCase();
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  }
  return 'en';
}
