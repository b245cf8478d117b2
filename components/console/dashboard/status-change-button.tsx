'use client';

// Pause, resume or end the activity from the dashboard: a preview of the status change and its
// consequences, then an explicit confirmation. One that fails keeps the dialog open with the
// reason and the request id, and re-reads the dashboard, whose status says whether it happened.
import { useId, useRef, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { msg } from '@/lib/i18n/console/translator';
import { statusDiff } from '@/lib/stats/adjustment-diff';
import type { LiveStatusChange, StatusTransition } from '@/lib/activities/live-change-schemas';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { ActionFailureNote, failureText, runNamedAction, type ActionFailure } from '../action-failure';
import { useT } from '../i18n';
import { DiffPreview } from './diff-preview';

export type ChangeStatus = (change: LiveStatusChange, requestId: string) => Promise<ActionResult<unknown>>;

type Labels = { button: string; title: string; confirm: string; done: string; failed: string };
const labels: Record<StatusTransition, Labels> = {
  pause: {
    button: msg('Pause'),
    title: msg('Pause the activity?'),
    confirm: msg('Pause activity'),
    done: msg('Activity paused'),
    failed: msg('Could not pause the activity'),
  },
  resume: {
    button: msg('Resume'),
    title: msg('Resume the activity?'),
    confirm: msg('Resume activity'),
    done: msg('Activity resumed'),
    failed: msg('Could not resume the activity'),
  },
  end: {
    button: msg('End'),
    title: msg('End the activity?'),
    confirm: msg('End activity'),
    done: msg('Activity ended'),
    failed: msg('Could not end the activity'),
  },
};

export function StatusChangeButton({
  status,
  transition,
  changeStatus,
  onDone,
}: {
  status: LiveStatusChange['expectedStatus'];
  transition: StatusTransition;
  changeStatus: ChangeStatus;
  onDone: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [seen, setSeen] = useState(status);
  const [error, setError] = useState<ActionFailure | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();
  const l = labels[transition];
  const danger = transition === 'end';

  function open() {
    setSeen(status);
    setError(null);
    dialogRef.current?.showModal();
  }

  function confirm() {
    startTransition(async () => {
      setError(null);
      const change = { transition, expectedStatus: seen };
      const result = await runNamedAction((requestId) => changeStatus(change, requestId));
      if (result.ok) {
        dialogRef.current?.close();
        toast.success(t(l.done));
      } else {
        setError(result.failure);
        toast.error(t(l.failed), failureText(result.failure, t));
      }
      onDone();
    });
  }

  return (
    <>
      <button type="button" onClick={open} className={buttonClasses(danger ? 'danger-ghost' : 'secondary')}>
        {t(l.button)}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-title`}
        onCancel={(e) => pending && e.preventDefault()}
        onClick={(e) => e.target === dialogRef.current && !pending && dialogRef.current.close()}
        className="m-auto w-full max-w-md rounded-xl border border-zinc-200 bg-white p-0 text-left shadow-2xl shadow-zinc-900/20"
      >
        <div className="space-y-5 p-6">
          <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-950">
            {t(l.title)}
          </h2>
          {error ? (
            <ActionFailureNote
              failure={error}
              note={t('The dashboard was read again: its status shows whether the change happened.')}
            />
          ) : null}
          <DiffPreview diff={statusDiff(seen, transition)} label={t('Status change')} />
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
            className={buttonClasses(danger ? 'danger' : 'primary')}
          >
            {pending ? <Spinner /> : null}
            {pending ? t('Applying…') : t(l.confirm)}
          </button>
        </div>
      </dialog>
    </>
  );
}
