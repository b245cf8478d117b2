'use client';

// A rule's switch and its delete button. The switch changes at once (the draw reads the new
// state within the request); delete asks first, in a native <dialog>.
import { useId, useRef, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';

export function RuleEnabledSwitch({
  label,
  enabled,
  setEnabledAction,
  readOnly = false,
}: {
  label: string;
  enabled: boolean;
  setEnabledAction?: (enabled: boolean) => Promise<ActionResult<{ enabled: boolean }>>;
  readOnly?: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const toggle = () =>
    startTransition(async () => {
      if (!setEnabledAction) return;
      const result = await setEnabledAction(!enabled);
      if (result.ok) toast.success(result.data.enabled ? t('Rule enabled') : t('Rule disabled'), label);
      else toast.error(t('Could not change the rule'), result.error.message);
    });
  return (
    <span className="inline-flex items-center gap-2.5">
      <button
        type="button"
        role="switch"
        aria-checked={enabled}
        aria-label={t('Enabled: {label}', { label })}
        disabled={readOnly || pending}
        onClick={toggle}
        className={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed ${
          enabled ? 'bg-emerald-600' : 'bg-zinc-300'
        } ${readOnly ? 'opacity-60' : ''}`}
      >
        <span
          aria-hidden
          className={`inline-block size-4 rounded-full bg-white shadow transition-transform ${enabled ? 'translate-x-4.5' : 'translate-x-0.5'}`}
        />
      </button>
      <span className={`text-sm ${enabled ? 'text-emerald-800' : 'text-zinc-500'}`}>
        {pending ? t('Saving…') : enabled ? t('On') : t('Off')}
      </span>
    </span>
  );
}

export function DeleteRuleButton({
  label,
  deleteAction,
}: {
  label: string;
  deleteAction: () => Promise<ActionResult<null>>;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();
  const confirm = () =>
    startTransition(async () => {
      const result = await deleteAction();
      if (result.ok) {
        dialogRef.current?.close();
        toast.success(t('Rule deleted'), label);
      } else toast.error(t('Could not delete the rule'), result.error.message);
    });
  return (
    <>
      <button
        type="button"
        onClick={() => dialogRef.current?.showModal()}
        className={buttonClasses('danger-ghost', 'sm')}
        aria-label={t('Delete rule {label}', { label })}
      >
        {t('Delete')}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onCancel={(e) => {
          if (pending) e.preventDefault();
        }}
        className="m-auto w-full max-w-md rounded-xl border border-zinc-200 bg-white p-0 text-left shadow-2xl shadow-zinc-900/20"
      >
        <div className="p-6">
          <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-950">
            {t('Delete this rule?')}
          </h2>
          <p id={`${id}-body`} className="mt-1.5 text-sm leading-6 text-zinc-600">
            {t(
              '{label} stops acting on draws at once. Past risk events are kept. To pause it instead, switch it off.',
              {
                label,
              },
            )}
          </p>
        </div>
        <div className="flex justify-end gap-2 rounded-b-xl border-t border-zinc-200 bg-zinc-50 px-6 py-4">
          <button
            type="button"
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
            {pending ? t('Deleting…') : t('Delete rule')}
          </button>
        </div>
      </dialog>
    </>
  );
}
