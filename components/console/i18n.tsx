'use client';

// The console's language in client components: the layout gives the locale once, components ask
// for `useT()` (see lib/i18n/console/translator.ts). Server components use `getConsoleT()`
// (./i18n-server.ts) instead.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { consoleTranslator } from '@/lib/i18n/console/catalogs';
import type { ConsoleLocale } from '@/lib/i18n/console/locale';
import type { Translator } from '@/lib/i18n/console/translator';

const english = consoleTranslator('en');
const TranslatorContext = createContext<Translator>(english);

export function ConsoleI18nProvider({ locale, children }: { locale: ConsoleLocale; children: ReactNode }) {
  const t = useMemo(() => consoleTranslator(locale), [locale]);
  return <TranslatorContext value={t}>{children}</TranslatorContext>;
}

export const useT = () => useContext(TranslatorContext);
export const useConsoleLocale = () => useContext(TranslatorContext).locale;
