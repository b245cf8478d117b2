'use client';

// Revoke with a confirmation dialog (native <dialog>: focus trap, Escape and backdrop for free).
import { useId, useRef, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';
import { AlertIcon } from '../icons';
import { richText } from '../rich-text';
import type { ApiKeyRow } from './api-key-row';

export function RevokeApiKeyButton({
  name,
  prefix,
  revokeAction,
}: {
  name: string;
  prefix: string;
  revokeAction: () => Promise<ActionResult<{ apiKey: ApiKeyRow }>>;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const t = useT();
  const titleId = useId();
  const bodyId = useId();

  function open() {
    setError(null);
    dialogRef.current?.showModal();
  }

  function confirm() {
    startTransition(async () => {
      const result = await revokeAction();
      if (result.ok) {
        dialogRef.current?.close();
        toast.success(t('API key revoked'), t('“{name}” can no longer call the API.', { name }));
      } else {
        setError(result.error.message);
        toast.error(t('Could not revoke the API key'), result.error.message);
      }
    });
  }

  return (
    <>
      <button
        type="button"
        onClick={open}
        className={buttonClasses('danger-ghost', 'sm')}
        aria-label={t('Revoke API key {name}', { name })}
      >
        {t('Revoke')}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        onCancel={(e) => {
          if (pending) e.preventDefault();
        }}
        onClick={(e) => {
          // A click on the backdrop lands on the <dialog> element itself.
          if (e.target === dialogRef.current && !pending) dialogRef.current.close();
        }}
        className="m-auto w-full max-w-md rounded-xl border border-zinc-200 bg-white p-0 text-left shadow-2xl shadow-zinc-900/20"
      >
        <div className="p-6">
          <div className="flex items-start gap-4">
            <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-red-50 ring-1 ring-red-100">
              <AlertIcon className="size-5 text-red-600" />
            </span>
            <div className="min-w-0">
              <h2 id={titleId} className="text-base font-semibold text-zinc-950">
                {t('Revoke API key?')}
              </h2>
              <p id={bodyId} className="mt-2 text-sm leading-6 text-zinc-600">
                {richText(
                  t(
                    '{name} ({prefix}) will stop working immediately: every request made with it gets 401 Unauthorized. This cannot be undone.',
                  ),
                  {
                    name: <span className="font-medium text-zinc-900">“{name}”</span>,
                    prefix: <code className="font-mono text-[13px]">{prefix}…</code>,
                  },
                )}
              </p>
              {error ? (
                <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                  {error}
                </p>
              ) : null}
            </div>
          </div>
        </div>
        <div className="flex justify-end gap-2 rounded-b-xl border-t border-zinc-200 bg-zinc-50 px-6 py-4">
          <button
            type="button"
            autoFocus
            onClick={() => dialogRef.current?.close()}
            disabled={pending}
            className={buttonClasses('secondary')}
          >
            {t('Cancel')}
          </button>
          <button
            type="button"
            onClick={confirm}
            disabled={pending}
            aria-busy={pending}
            className={buttonClasses('danger')}
          >
            {pending ? <Spinner /> : null}
            {pending ? t('Revoking…') : t('Revoke key')}
          </button>
        </div>
      </dialog>
    </>
  );
}
