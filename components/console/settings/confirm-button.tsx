'use client';

// A button that asks first: a small dialog naming the consequence, then runs the action and
// reports with a toast. Used for removing members, revoking invitations and rotating secrets.
import { useId, useRef, useState, useTransition, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses, type ButtonVariant } from '@/components/ui/button-classes';
import { Dialog } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';
import { AlertIcon } from '../icons';

export function ConfirmButton<T>({
  label,
  ariaLabel,
  variant = 'danger-ghost',
  title,
  body,
  confirmLabel,
  pendingLabel,
  action,
  success,
  failure,
  onSuccess,
}: {
  label: string;
  ariaLabel?: string;
  variant?: ButtonVariant;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  action: () => Promise<ActionResult<T>>;
  success: (data: T) => [string, string?];
  failure: string;
  onSuccess?: (data: T) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const t = useT();
  const id = useId();

  function confirm() {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        ref.current?.close();
        toast.success(...success(result.data));
        onSuccess?.(result.data);
      } else {
        setError(result.error.message);
        toast.error(failure, result.error.message);
      }
    });
  }

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setError(null);
          ref.current?.showModal();
        }}
        className={buttonClasses(variant, 'sm')}
        aria-label={ariaLabel ?? label}
      >
        {label}
      </button>
      <Dialog
        ref={ref}
        titleId={`${id}-title`}
        descriptionId={`${id}-body`}
        title={title}
        description={body}
        pending={pending}
        icon={
          <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-red-50 ring-1 ring-red-100">
            <AlertIcon className="size-5 text-red-600" />
          </span>
        }
        footer={
          <>
            <button
              type="button"
              autoFocus
              onClick={() => ref.current?.close()}
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
              {pending ? pendingLabel : confirmLabel}
            </button>
          </>
        }
      >
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </Dialog>
    </>
  );
}
