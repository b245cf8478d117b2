// The console's language in server components and actions: the operator's cookie, else the
// browser's Accept-Language (lib/i18n/console/locale.ts). Read once per request.
import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { consoleTranslator } from '@/lib/i18n/console/catalogs';
import { CONSOLE_LOCALE_COOKIE, pickConsoleLocale, type ConsoleLocale } from '@/lib/i18n/console/locale';
import type { Translator } from '@/lib/i18n/console/translator';

export const getConsoleLocale = cache(async (): Promise<ConsoleLocale> => {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  return pickConsoleLocale(jar.get(CONSOLE_LOCALE_COOKIE)?.value, head.get('accept-language'));
});

export const getConsoleT = cache(async (): Promise<Translator> => consoleTranslator(await getConsoleLocale()));
