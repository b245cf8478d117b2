'use client';

// Pause, resume and end a published activity, each after a confirmation. An action that fails
// keeps its dialog open with the reason and the request id, and re-reads the page: the status
// badge then shows whether it happened after all.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { useToast } from '@/components/ui/toast';
import { ActionFailureNote, failureText, runNamedAction, type ActionFailure } from '../action-failure';
import type { Translator } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';
import { activityStatusLabels } from './format';
import { ConfirmButton } from './confirm-dialog';

type Transition = 'pause' | 'resume' | 'end';

export function LifecycleButtons({
  name,
  status,
  changeStatus,
}: {
  name: string;
  status: string;
  changeStatus: (transition: Transition, requestId: string) => Promise<ActionResult<{ status: string }>>;
}) {
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState<{ transition: Transition; failure: ActionFailure } | null>(null);
  const toast = useToast();
  const router = useRouter();
  const t = useT();
  const cannot: Record<Transition, string> = {
    pause: t('Could not pause the activity'),
    resume: t('Could not resume the activity'),
    end: t('Could not end the activity'),
  };

  const run = (transition: Transition, done: string) =>
    new Promise<boolean>((resolve) =>
      startTransition(async () => {
        setFailed(null);
        const result = await runNamedAction((requestId) => changeStatus(transition, requestId));
        router.refresh();
        if (result.ok) {
          toast.success(done, nowIn(t, name, result.data.status));
          resolve(true);
        } else {
          setFailed({ transition, failure: result.failure });
          toast.error(cannot[transition], failureText(result.failure, t));
          resolve(false);
        }
      }),
    );
  const errorOf = (transition: Transition) =>
    failed?.transition === transition ? (
      <ActionFailureNote
        failure={failed.failure}
        note={t('The page was read again: the status beside the name shows whether it happened.')}
      />
    ) : null;

  return (
    <div className="flex items-center gap-2">
      {status === 'LIVE' || status === 'SCHEDULED' ? (
        <ConfirmButton
          label={t('Pause')}
          title={t('Pause {name}?', { name })}
          confirmLabel={t('Pause activity')}
          pending={pending}
          error={errorOf('pause')}
          onConfirm={() => run('pause', t('Activity paused'))}
        >
          {t('Users can no longer draw until you resume it. Chances, wins and stock stay as they are.')}
        </ConfirmButton>
      ) : null}
      {status === 'PAUSED' ? (
        <ConfirmButton
          label={t('Resume')}
          title={t('Resume {name}?', { name })}
          confirmLabel={t('Resume activity')}
          pending={pending}
          error={errorOf('resume')}
          onConfirm={() => run('resume', t('Activity resumed'))}
        >
          {t('Users can draw again at once (or from the start of the period, if it has not begun).')}
        </ConfirmButton>
      ) : null}
      {status === 'LIVE' || status === 'PAUSED' || status === 'SCHEDULED' ? (
        <ConfirmButton
          label={t('End')}
          variant="danger-ghost"
          confirmVariant="danger"
          title={t('End {name} now?', { name })}
          confirmLabel={t('End activity')}
          pending={pending}
          error={errorOf('end')}
          onConfirm={() => run('end', t('Activity ended'))}
        >
          {t(
            "This cannot be undone. Drawing stops for good and the stock no one won goes back to the prizes' total pools.",
          )}
        </ConfirmButton>
      ) : null}
    </div>
  );
}

/** "Summer spin is now paused.": the activity's new status, in the console's language. */
export function nowIn(t: Translator, name: string, status: string): string {
  const label = activityStatusLabels[status];
  return t('{name} is now {status}.', { name, status: label ? t(label).toLowerCase() : status.toLowerCase() });
}
