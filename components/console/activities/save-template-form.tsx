'use client';

// "Save as template": the draft as last saved, under a name, as a template of the tenant that
// "From a template" on the activities list then offers beside the built-in ones. A save that
// fails keeps the name typed and says why.
import { useId, useState, useTransition } from 'react';
import type { FormResult } from '@/lib/http/form-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';
import { inputClasses } from './fields';

export function SaveTemplateForm({
  defaultName,
  unsaved,
  saveAsTemplate,
}: {
  defaultName: string;
  unsaved: boolean;
  saveAsTemplate: (name: string) => Promise<FormResult<{ id: string; name: string }>>;
}) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const toast = useToast();
  const id = useId();
  const t = useT();

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm"
      data-testid="save-template"
    >
      <h2 id={`${id}-title`} className="text-sm font-semibold text-zinc-950">
        {t('Save as template')}
      </h2>
      <form
        className="mt-3 space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            setError(null);
            try {
              const result = await saveAsTemplate(name.trim() || defaultName);
              if (result.ok) {
                toast.success(
                  t('Template saved'),
                  t('“{name}” is offered under From a template.', { name: result.data.name }),
                );
                setName('');
              } else setError(result.error.issues[0]?.message ?? result.error.message);
            } catch {
              setError(t('Could not reach the server. The name is kept: try again.'));
            }
          });
        }}
      >
        <label htmlFor={`${id}-name`} className="block text-xs font-medium text-zinc-700">
          {t('Template name')}
        </label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={80}
          placeholder={defaultName}
          onChange={(e) => setName(e.target.value)}
          className={inputClasses}
        />
        {error ? (
          <p role="alert" className="text-xs text-red-700">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          className={buttonClasses('secondary', 'sm')}
          disabled={pending || unsaved}
          aria-busy={pending}
        >
          {pending ? <Spinner /> : null}
          {t('Save as template')}
        </button>
        <p className="text-xs text-zinc-500">
          {unsaved
            ? t('Save your changes first.')
            : t('Tiers, odds, segments, pacing and tasks; the period starts anew.')}
        </p>
      </form>
    </section>
  );
}
