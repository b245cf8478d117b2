'use client';

// Create an API key and show it exactly once. The key lives only in this component's state:
// once dismissed (or the page is left) it cannot be shown again.
import { useId, useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { msg } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';
import { richText } from '../rich-text';
import { OneTimeReveal } from '../settings/one-time-reveal';
import type { ApiKeyRow } from './api-key-row';

const NAME_MAX = 80;
/** An HTTP header, written the same in every language. */
const AUTHORIZATION_HEADER = 'Authorization: Bearer <key>';

/** What a key may do, as the console's roles say it for people (lib/auth/api-key-scopes.ts). */
const ACCESS = {
  all: { label: msg('Everything (as an owner)'), scopes: ['*'] },
  operator: {
    label: msg('Operations (as an operator)'),
    scopes: ['prizes:write', 'activities:write', 'risk:write', 'wins:write'],
  },
  wins: { label: msg('Winner actions only'), scopes: ['wins:write'] },
  read: { label: msg('Read only (as an analyst)'), scopes: ['read'] },
} as const;
type Access = keyof typeof ACCESS;

export function CreateApiKeyForm({
  createAction,
}: {
  createAction: (name: string, scopes: string[]) => Promise<ActionResult<{ key: string; apiKey: ApiKeyRow }>>;
}) {
  const [name, setName] = useState('');
  const [access, setAccess] = useState<Access>('all');
  const accessId = useId();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('Enter a name so you can recognise the key later.'));
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await createAction(trimmed, [...ACCESS[access].scopes]);
      if (result.ok) {
        setCreated({ key: result.data.key, name: result.data.apiKey.name });
        setName('');
        toast.success(t('API key created'), t('“{name}” is ready. Copy it now.', { name: result.data.apiKey.name }));
      } else {
        setError(result.error.message);
        toast.error(t('Could not create the API key'), result.error.message);
      }
    });
  }

  return (
    <div className="space-y-4">
      <form
        onSubmit={onSubmit}
        noValidate
        aria-label={t('Create API key')}
        data-testid="create-api-key-form"
        className="flex items-start gap-3"
      >
        <div className="min-w-0 flex-1">
          <label htmlFor={inputId} className="sr-only">
            {t('Key name')}
          </label>
          <input
            id={inputId}
            name="name"
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={NAME_MAX}
            placeholder={t('Key name, e.g. “Campaign automation”')}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : hintId}
            disabled={pending}
            className="block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/20 disabled:bg-zinc-50"
          />
          {error ? (
            <p id={errorId} className="mt-1.5 text-sm text-red-700">
              {error}
            </p>
          ) : (
            <p id={hintId} className="mt-1.5 text-xs text-zinc-500">
              {t('Name it after the system that will use it.')}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={accessId} className="sr-only">
            {t('Access')}
          </label>
          <select
            id={accessId}
            name="access"
            value={access}
            onChange={(e) => setAccess(e.target.value as Access)}
            disabled={pending}
            className="block h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none disabled:bg-zinc-50"
          >
            {(Object.keys(ACCESS) as Access[]).map((a) => (
              <option key={a} value={a}>
                {t(ACCESS[a].label)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={pending} aria-busy={pending} className={buttonClasses('primary')}>
          {pending ? <Spinner /> : null}
          {pending ? t('Creating…') : t('Create API key')}
        </button>
      </form>
      {created ? <NewKeyReveal apiKey={created.key} name={created.name} onDone={() => setCreated(null)} /> : null}
    </div>
  );
}

function NewKeyReveal({ apiKey, name, onDone }: { apiKey: string; name: string; onDone: () => void }) {
  const t = useT();
  return (
    <OneTimeReveal
      title={t('Copy your new key “{name}” now', { name })}
      value={apiKey}
      label={t('New API key')}
      testId="new-api-key"
      onDone={onDone}
    >
      {richText(
        t(
          'This is the only time it is shown. Store it in a secret manager; if it is lost, revoke it and create another. Send it as {header}.',
        ),
        { header: <code className="font-mono text-[13px]">{AUTHORIZATION_HEADER}</code> },
      )}
    </OneTimeReveal>
  );
}
