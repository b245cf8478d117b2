'use client';

// Pause, resume and end a published activity, each after a confirmation.
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { useToast } from '@/components/ui/toast';
import { ConfirmButton } from './confirm-dialog';

type Transition = 'pause' | 'resume' | 'end';

export function LifecycleButtons({
  name,
  status,
  changeStatus,
}: {
  name: string;
  status: string;
  changeStatus: (t: Transition) => Promise<ActionResult<{ status: string }>>;
}) {
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const router = useRouter();

  const run = (t: Transition, done: string) =>
    new Promise<boolean>((resolve) =>
      startTransition(async () => {
        const result = await changeStatus(t);
        if (result.ok) {
          toast.success(done, `${name} is now ${result.data.status.toLowerCase()}.`);
          router.refresh();
          resolve(true);
        } else {
          toast.error(`Could not ${t} the activity`, result.error.message);
          resolve(false);
        }
      }),
    );

  return (
    <div className="flex items-center gap-2">
      {status === 'LIVE' || status === 'SCHEDULED' ? (
        <ConfirmButton
          label="Pause"
          title={`Pause ${name}?`}
          confirmLabel="Pause activity"
          pending={pending}
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
          onConfirm={() => run('end', 'Activity ended')}
        >
          This cannot be undone. Drawing stops for good and the stock no one won goes back to the prizes&apos; total
          pools.
        </ConfirmButton>
      ) : null}
    </div>
  );
}
