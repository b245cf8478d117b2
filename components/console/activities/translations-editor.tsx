'use client';

// The activity's texts per language (the spec's `translations`): name, title, rules, and each
// tier's and task's name, by position. A blank field falls back to the untranslated text, which
// shows as the placeholder.
import { Field, Section, inputClasses } from './fields';
import type { TranslationForm } from './form-model';

export const TRANSLATION_LOCALES = [
  { tag: 'zh-CN', label: 'Chinese (zh-CN)' },
  { tag: 'en', label: 'English (en)' },
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
      title="Translations"
      description="What players see in each language. Blank fields show the untranslated text."
    >
      {TRANSLATION_LOCALES.map(({ tag, label }) => {
        const t = entry(tag);
        const path = (rest: string) => err(`translations.${tag}.${rest}`);
        return (
          <details key={tag} className="rounded-lg border border-zinc-200 p-3" data-testid={`translation-${tag}`}>
            <summary className="cursor-pointer text-sm font-medium text-zinc-900">{label}</summary>
            <div className="mt-3 space-y-3" lang={tag}>
              <div className="grid grid-cols-2 gap-3">
                <Field label={`Name (${tag})`} error={path('name')}>
                  {(p) => (
                    <input
                      {...p}
                      className={inputClasses}
                      placeholder={base.name}
                      value={t.name}
                      maxLength={120}
                      onChange={(e) => set(tag, { name: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={`Title (${tag})`} error={path('title')}>
                  {(p) => (
                    <input
                      {...p}
                      className={inputClasses}
                      placeholder={base.title}
                      value={t.title}
                      maxLength={120}
                      onChange={(e) => set(tag, { title: e.target.value })}
                    />
                  )}
                </Field>
              </div>
              <Field label={`Rule text (${tag})`} error={path('rulesText')}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={3}
                    className={`${inputClasses} h-auto py-2`}
                    placeholder={base.rulesText}
                    value={t.rulesText}
                    onChange={(e) => set(tag, { rulesText: e.target.value })}
                  />
                )}
              </Field>
              {base.tiers.map((name, i) => (
                <Field key={`tier-${i}`} label={`Tier ${i + 1} name (${tag})`} error={path(`tiers.${i}.name`)}>
                  {(p) => (
                    <input
                      {...p}
                      className={inputClasses}
                      placeholder={name}
                      value={t.tiers[i] ?? ''}
                      maxLength={60}
                      onChange={(e) => set(tag, { tiers: at(t.tiers, i, e.target.value) })}
                    />
                  )}
                </Field>
              ))}
              {base.tasks.map((name, i) => (
                <Field key={`task-${i}`} label={`Task ${i + 1} name (${tag})`} error={path(`tasks.${i}.name`)}>
                  {(p) => (
                    <input
                      {...p}
                      className={inputClasses}
                      placeholder={name}
                      value={t.tasks[i] ?? ''}
                      maxLength={60}
                      onChange={(e) => set(tag, { tasks: at(t.tasks, i, e.target.value) })}
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
