'use client';

// The host app's origins: the only pages that may frame the H5 play page and hand it a user
// token by postMessage. Owners edit the list (one origin a line); everyone else reads it.
// The server checks every line (lib/tenancy/host-app-origin-schemas.ts) and says which is wrong.
import { useId, useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { inputClasses } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';

/** An example, written the same in every language. */
const EXAMPLE_ORIGIN = 'https://app.example.com';

type Save = (origins: string[]) => Promise<ActionResult<{ origins: string[] }>>;

export function HostAppOriginsPanel({ origins, save }: { origins: string[]; save: Save | null }) {
  const [saved, setSaved] = useState(origins);
  const [text, setText] = useState(origins.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();

  if (!save) {
    return saved.length === 0 ? (
      <p className="text-sm text-zinc-600" data-testid="host-app-origins">
        {t('None: no page may frame the play page or post it a token.')}
      </p>
    ) : (
      <ul className="space-y-1 font-mono text-sm text-zinc-800" data-testid="host-app-origins">
        {saved.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
    );
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    startTransition(async () => {
      const result = await save!(lines);
      if (result.ok) {
        setSaved(result.data.origins);
        setText(result.data.origins.join('\n'));
        setError(null);
        toast.success(
          t('Host app origins saved'),
          result.data.origins.length
            ? t('{count} origin(s) may embed the play page.', { count: result.data.origins.length })
            : t('No page may embed the play page now.'),
        );
      } else {
        setError(result.error.message);
      }
    });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-3"
      aria-label={t('Host app origins')}
      data-testid="host-app-origins-form"
    >
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {t('Origins, one a line')}
      </label>
      <textarea
        id={id}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        rows={Math.max(3, text.split('\n').length + 1)}
        spellCheck={false}
        placeholder={EXAMPLE_ORIGIN}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        readOnly={pending}
        className={`${inputClasses} h-auto py-2 font-mono`}
      />
      {error ? (
        <p id={`${id}-hint`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          {t('Exact origins such as https://app.example.com (http only for localhost), no paths and no wildcards.')}
        </p>
      )}
      <button
        type="submit"
        disabled={pending || text === saved.join('\n')}
        aria-busy={pending}
        className={buttonClasses('primary')}
      >
        {pending ? <Spinner /> : null}
        {pending ? t('Saving…') : t('Save origins')}
      </button>
    </form>
  );
}
