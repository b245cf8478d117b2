'use client';

// Create an API key and show it exactly once. The key lives only in this component's state:
// once dismissed (or the page is left) it cannot be shown again.
import { useEffect, useId, useRef, useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { AlertIcon, CheckIcon, CopyIcon } from '../icons';
import type { ApiKeyRow } from './api-key-row';

const NAME_MAX = 80;

export function CreateApiKeyForm({ createAction }: { createAction: (name: string) => Promise<ActionResult<{ key: string; apiKey: ApiKeyRow }>> }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Enter a name so you can recognise the key later.');
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await createAction(trimmed);
      if (result.ok) {
        setCreated({ key: result.data.key, name: result.data.apiKey.name });
        setName('');
        toast.success('API key created', `“${result.data.apiKey.name}” is ready. Copy it now.`);
      } else {
        setError(result.error.message);
        toast.error('Could not create the API key', result.error.message);
      }
    });
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate aria-label="Create API key" data-testid="create-api-key-form" className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <label htmlFor={inputId} className="sr-only">
            Key name
          </label>
          <input
            id={inputId}
            name="name"
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={NAME_MAX}
            placeholder="Key name, e.g. “Campaign automation”"
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : hintId}
            disabled={pending}
            className="block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/20 disabled:bg-zinc-50"
          />
          {error ? (
            <p id={errorId} className="mt-1.5 text-sm text-red-700">{error}</p>
          ) : (
            <p id={hintId} className="mt-1.5 text-xs text-zinc-500">Name it after the system that will use it.</p>
          )}
        </div>
        <button type="submit" disabled={pending} aria-busy={pending} className={buttonClasses('primary')}>
          {pending ? <Spinner /> : null}
          {pending ? 'Creating…' : 'Create API key'}
        </button>
      </form>
      {created ? <NewKeyReveal apiKey={created.key} name={created.name} onDone={() => setCreated(null)} /> : null}
    </div>
  );
}

function NewKeyReveal({ apiKey, name, onDone }: { apiKey: string; name: string; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const toast = useToast();
  const headingId = useId();

  useEffect(() => headingRef.current?.focus(), [apiKey]);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2_000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(apiKey);
    } catch {
      // Clipboard API unavailable (insecure origin or denied): fall back to a selection copy.
      inputRef.current?.select();
      if (!document.execCommand('copy')) {
        toast.error('Copy failed', 'Select the key and copy it by hand.');
        return;
      }
    }
    setCopied(true);
    toast.success('Copied to clipboard');
  }

  return (
    <section aria-labelledby={headingId} data-testid="new-api-key" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <div className="flex items-start gap-3">
        <AlertIcon className="mt-0.5 size-5 shrink-0 text-amber-700" />
        <div className="min-w-0 flex-1">
          <h3 id={headingId} ref={headingRef} tabIndex={-1} className="text-sm font-semibold text-amber-950 focus:outline-none">
            Copy your new key “{name}” now
          </h3>
          <p className="mt-1 text-sm text-amber-900">
            This is the only time it is shown. Store it in a secret manager; if it is lost, revoke it and create another.
            Send it as <code className="font-mono text-[13px]">Authorization: Bearer &lt;key&gt;</code>.
          </p>
          <div className="mt-3 flex items-center gap-2">
            <label htmlFor={`${headingId}-key`} className="sr-only">New API key</label>
            <input
              ref={inputRef}
              id={`${headingId}-key`}
              readOnly
              value={apiKey}
              onFocus={(e) => e.currentTarget.select()}
              spellCheck={false}
              data-testid="new-api-key-value"
              className="h-9 min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-3 font-mono text-sm text-zinc-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none"
            />
            <button type="button" onClick={copy} className={buttonClasses('secondary')}>
              {copied ? <CheckIcon className="size-4 text-emerald-600" /> : <CopyIcon className="size-4" />}
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" onClick={onDone} className={buttonClasses('ghost')}>
              Done
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}
