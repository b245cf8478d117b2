'use client';

// A confirmation for a consequential action (publish, pause, end): native <dialog>, so focus
// is trapped and Escape closes it; the confirm button shows the action running. An action that
// fails leaves the dialog open with the caller's `error` in it, so the operator can try again.
import { useId, useRef, type ReactNode } from 'react';
import { buttonClasses, type ButtonVariant } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useT } from '../i18n';

export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  pending,
  variant = 'secondary',
  confirmVariant = 'primary',
  disabled,
  error,
}: {
  label: ReactNode;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<boolean>;
  pending: boolean;
  variant?: ButtonVariant;
  confirmVariant?: ButtonVariant;
  disabled?: boolean;
  error?: ReactNode;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <>
      <button
        type="button"
        onClick={() => ref.current?.showModal()}
        disabled={disabled || pending}
        className={buttonClasses(variant)}
      >
        {label}
      </button>
      <dialog
        ref={ref}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onCancel={(e) => {
          if (pending) e.preventDefault();
        }}
        onClick={(e) => {
          if (e.target === ref.current && !pending) ref.current.close();
        }}
        className="m-auto w-full max-w-md rounded-xl border border-zinc-200 bg-white p-0 text-left shadow-2xl shadow-zinc-900/20"
      >
        <div className="space-y-2 p-6">
          <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-950">
            {title}
          </h2>
          <div id={`${id}-body`} className="text-sm leading-6 text-zinc-600">
            {children}
          </div>
          {error}
        </div>
        <div className="flex justify-end gap-2 rounded-b-xl border-t border-zinc-200 bg-zinc-50 px-6 py-4">
          <button
            type="button"
            onClick={() => ref.current?.close()}
            disabled={pending}
            className={buttonClasses('secondary')}
            autoFocus
          >
            {t('Cancel')}
          </button>
          <button
            type="button"
            disabled={pending}
            aria-busy={pending}
            className={buttonClasses(confirmVariant)}
            onClick={async () => {
              if (await onConfirm()) ref.current?.close();
            }}
          >
            {pending ? <Spinner /> : null}
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
