'use client';

// A prize's name and its names per language (zh-CN, en), as players read them on the play page
// and in My prizes. An empty translation falls back to the name.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { msg } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';

const LOCALES = [
  { tag: 'zh-CN', label: msg('Chinese (zh-CN)') },
  { tag: 'en', label: msg('English (en)') },
] as const;

export function PrizeNamesForm({
  name,
  translations,
  update,
}: {
  name: string;
  translations: Record<string, { name: string }>;
  update: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const [values, setValues] = useState<Record<string, string>>(() => ({
    name,
    ...Object.fromEntries(LOCALES.map((l) => [l.tag, translations[l.tag]?.name ?? ''])),
  }));
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const toast = useToast();
  const t = useT();
  const field = 'h-9 w-full rounded-md border border-zinc-300 px-2 text-sm';
  return (
    <form
      aria-label={t('Prize names')}
      className="grid grid-cols-[repeat(3,minmax(0,1fr))_auto] items-end gap-3 rounded-xl border border-zinc-200 bg-zinc-50/60 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const kept = Object.fromEntries(
          LOCALES.filter((l) => values[l.tag]!.trim() !== '').map((l) => [l.tag, { name: values[l.tag]!.trim() }]),
        );
        // Languages this form does not show are kept as they are.
        const others = Object.fromEntries(
          Object.entries(translations).filter(([tag]) => !LOCALES.some((l) => l.tag === tag)),
        );
        start(async () => {
          const result = await update({ name: values.name!.trim(), translations: { ...others, ...kept } }).catch(
            () => null,
          );
          if (result?.ok) {
            setError(null);
            toast.success(t('Prize names saved'), t('Players see them on their next page load.'));
            router.refresh();
          } else setError(result ? result.error.message : t('The server could not be reached; nothing changed.'));
        });
      }}
    >
      <label className="space-y-1 text-sm">
        <span className="font-medium text-zinc-700">{t('Name')}</span>
        <input
          className={field}
          value={values.name}
          maxLength={120}
          required
          onChange={(e) => setValues({ ...values, name: e.target.value })}
        />
      </label>
      {LOCALES.map((l) => (
        <label key={l.tag} className="space-y-1 text-sm">
          <span className="font-medium text-zinc-700">{t(l.label)}</span>
          <input
            className={field}
            value={values[l.tag]}
            maxLength={120}
            lang={l.tag}
            placeholder={t('as the name')}
            onChange={(e) => setValues({ ...values, [l.tag]: e.target.value })}
          />
        </label>
      ))}
      <button type="submit" className={buttonClasses('secondary')} disabled={pending} aria-busy={pending}>
        {pending ? <Spinner /> : null}
        {t('Save names')}
      </button>
      {error ? (
        <p role="alert" className="col-span-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
