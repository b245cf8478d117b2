'use client';

// Pause, resume and end a published activity, each after a confirmation. An action that fails
// keeps its dialog open with the reason and the request id, and re-reads the page: the status
// badge then shows whether it happened after all.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { useToast } from '@/components/ui/toast';
import { ActionFailureNote, failureText, runNamedAction, type ActionFailure } from '../action-failure';
import { ConfirmButton } from './confirm-dialog';

type Transition = 'pause' | 'resume' | 'end';

export function LifecycleButtons({
  name,
  status,
  changeStatus,
}: {
  name: string;
  status: string;
  changeStatus: (t: Transition, requestId: string) => Promise<ActionResult<{ status: string }>>;
}) {
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState<{ transition: Transition; failure: ActionFailure } | null>(null);
  const toast = useToast();
  const router = useRouter();

  const run = (t: Transition, done: string) =>
    new Promise<boolean>((resolve) =>
      startTransition(async () => {
        setFailed(null);
        const result = await runNamedAction((requestId) => changeStatus(t, requestId));
        router.refresh();
        if (result.ok) {
          toast.success(done, `${name} is now ${result.data.status.toLowerCase()}.`);
          resolve(true);
        } else {
          setFailed({ transition: t, failure: result.failure });
          toast.error(`Could not ${t} the activity`, failureText(result.failure));
          resolve(false);
        }
      }),
    );
  const errorOf = (t: Transition) =>
    failed?.transition === t ? (
      <ActionFailureNote
        failure={failed.failure}
        note="The page was read again: the status beside the name shows whether it happened."
      />
    ) : null;

  return (
    <div className="flex items-center gap-2">
      {status === 'LIVE' || status === 'SCHEDULED' ? (
        <ConfirmButton
          label="Pause"
          title={`Pause ${name}?`}
          confirmLabel="Pause activity"
          pending={pending}
          error={errorOf('pause')}
          onConfirm={() => run('pause', 'Activity paused')}
        >
          Users can no longer draw until you resume it. Chances, wins and stock stay as they are.
        </ConfirmButton>
      ) : null}
      {status === 'PAUSED' ? (
        <ConfirmButton
          label="Resume"
          title={`Resume ${name}?`}
          confirmLabel="Resume activity"
          pending={pending}
          error={errorOf('resume')}
          onConfirm={() => run('resume', 'Activity resumed')}
        >
          Users can draw again at once (or from the start of the period, if it has not begun).
        </ConfirmButton>
      ) : null}
      {status === 'LIVE' || status === 'PAUSED' || status === 'SCHEDULED' ? (
        <ConfirmButton
          label="End"
          variant="danger-ghost"
          confirmVariant="danger"
          title={`End ${name} now?`}
          confirmLabel="End activity"
          pending={pending}
          error={errorOf('end')}
          onConfirm={() => run('end', 'Activity ended')}
        >
          This cannot be undone. Drawing stops for good and the stock no one won goes back to the prizes&apos; total
          pools.
        </ConfirmButton>
      ) : null}
    </div>
  );
}
