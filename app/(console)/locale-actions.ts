'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/http/action-result';
import { CONSOLE_LOCALE_COOKIE, consoleLocales, type ConsoleLocale } from '@/lib/i18n/console/locale';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** Keeps the operator's console language (signed in or not: the sign-in page has the menu too). */
export async function setConsoleLocaleAction(locale: unknown): Promise<ActionResult<{ locale: ConsoleLocale }>> {
  return runAction(async () => {
    const chosen = z.enum(consoleLocales).parse(locale);
    (await cookies()).set(CONSOLE_LOCALE_COOKIE, chosen, {
      path: '/',
      maxAge: ONE_YEAR_SECONDS,
      sameSite: 'lax',
      httpOnly: true,
    });
    return { locale: chosen };
  });
}
