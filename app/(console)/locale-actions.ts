'use server';

import { cookies } from 'next/headers';
import { CONSOLE_LOCALE_COOKIE, isConsoleLocale, type ConsoleLocale } from '@/lib/i18n/console/locale';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** Keeps the operator's console language; anything but a console language is ignored. */
export async function setConsoleLocaleAction(locale: ConsoleLocale): Promise<void> {
  if (!isConsoleLocale(locale)) return;
  (await cookies()).set(CONSOLE_LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: ONE_YEAR_SECONDS,
    sameSite: 'lax',
    httpOnly: true,
  });
}
