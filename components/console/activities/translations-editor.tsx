'use client';

// The activity's texts per language (the spec's `translations`): name, title, rules, and each
// tier's and task's name, by position. A blank field falls back to the untranslated text, which
// shows as the placeholder.
import { msg } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';
import { Field, Section, inputClasses } from './fields';
import type { TranslationForm } from './form-model';

export const TRANSLATION_LOCALES = [
  { tag: 'zh-CN', label: msg('Chinese (zh-CN)') },
  { tag: 'en', label: msg('English (en)') },
] as const;

export function TranslationsEditor({
  value,
  onChange,
  base,
  err,
}: {
  value: Record<string, TranslationForm>;
  onChange: (next: Record<string, TranslationForm>) => void;
  base: { name: string; title: string; rulesText: string; tiers: string[]; tasks: string[] };
  err: (path: string) => string | undefined;
}) {
  const t = useT();
  const entry = (tag: string): TranslationForm =>
    value[tag] ?? { name: '', title: '', rulesText: '', tiers: [], tasks: [] };
  const set = (tag: string, patch: Partial<TranslationForm>) =>
    onChange({ ...value, [tag]: { ...entry(tag), ...patch } });
  const at = (list: string[], i: number, text: string) => {
    const next = [...list];
    while (next.length <= i) next.push('');
    next[i] = text;
    return next;
  };
  return (
    <Section
      title={t('Translations')}
      description={t('What players see in each language. Blank fields show the untranslated text.')}
    >
      {TRANSLATION_LOCALES.map(({ tag, label }) => {
        const texts = entry(tag);
        const path = (rest: string) => err(`translations.${tag}.${rest}`);
        return (
          <details key={tag} className="rounded-lg border border-zinc-200 p-3" data-testid={`translation-${tag}`}>
            <summary className="cursor-pointer text-sm font-medium text-zinc-900">{t(label)}</summary>
            <div className="mt-3 space-y-3" lang={tag}>
              <div className="grid grid-cols-2 gap-3">
                <Field label={t('Name ({tag})', { tag })} error={path('name')}>
                  {(p) => (
                    <input
                      {...p}
                      className={inputClasses}
                      placeholder={base.name}
                      value={texts.name}
                      maxLength={120}
                      onChange={(e) => set(tag, { name: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('Title ({tag})', { tag })} error={path('title')}>
                  {(p) => (
                    <input
                      {...p}
                      className={inputClasses}
                      placeholder={base.title}
                      value={texts.title}
                      maxLength={120}
                      onChange={(e) => set(tag, { title: e.target.value })}
                    />
                  )}
                </Field>
              </div>
              <Field label={t('Rule text ({tag})', { tag })} error={path('rulesText')}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={3}
                    className={`${inputClasses} h-auto py-2`}
                    placeholder={base.rulesText}
                    value={texts.rulesText}
                    onChange={(e) => set(tag, { rulesText: e.target.value })}
                  />
                )}
              </Field>
              {base.tiers.map((name, i) => (
                <Field
                  key={`tier-${i}`}
                  label={t('Tier {n} name ({tag})', { n: i + 1, tag })}
                  error={path(`tiers.${i}.name`)}
                >
                  {(p) => (
                    <input
                      {...p}
                      className={inputClasses}
                      placeholder={name}
                      value={texts.tiers[i] ?? ''}
                      maxLength={60}
                      onChange={(e) => set(tag, { tiers: at(texts.tiers, i, e.target.value) })}
                    />
                  )}
                </Field>
              ))}
              {base.tasks.map((name, i) => (
                <Field
                  key={`task-${i}`}
                  label={t('Task {n} name ({tag})', { n: i + 1, tag })}
                  error={path(`tasks.${i}.name`)}
                >
                  {(p) => (
                    <input
                      {...p}
                      className={inputClasses}
                      placeholder={name}
                      value={texts.tasks[i] ?? ''}
                      maxLength={60}
                      onChange={(e) => set(tag, { tasks: at(texts.tasks, i, e.target.value) })}
                    />
                  )}
                </Field>
              ))}
            </div>
          </details>
        );
      })}
    </Section>
  );
}
