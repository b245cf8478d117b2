'use client';

// The console's language picker: the choice is kept in a cookie by the given server action, and
// the page re-renders in the new language without losing its place.
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useToast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/http/action-result';
import { consoleLocaleNames, consoleLocales, type ConsoleLocale } from '@/lib/i18n/console/locale';
import { useConsoleLocale, useT } from './i18n';

export function LocaleSwitcher({
  setLocaleAction,
}: {
  setLocaleAction: (locale: ConsoleLocale) => Promise<ActionResult<{ locale: ConsoleLocale }>>;
}) {
  const t = useT();
  const toast = useToast();
  const locale = useConsoleLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-1.5 text-sm text-zinc-600">
      <span className="sr-only">{t('Language')}</span>
      <select
        value={locale}
        disabled={pending}
        data-testid="console-locale"
        onChange={(e) => {
          const next = e.target.value as ConsoleLocale;
          startTransition(async () => {
            const result = await setLocaleAction(next).catch(() => null);
            if (result?.ok) router.refresh();
            else toast.error(t('Could not change the language'), t('Check your connection and try again.'));
          });
        }}
        className="h-8 rounded-md border border-zinc-200 bg-white px-2 text-sm text-zinc-700 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        {consoleLocales.map((l) => (
          <option key={l} value={l} lang={l}>
            {consoleLocaleNames[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
