'use client';

import { useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses, type ButtonVariant } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';

/** Acknowledges one alert; the layout re-renders without it once the action has revalidated. */
export function AcknowledgeAlertButton({
  alertId,
  message,
  acknowledgeAction,
  variant = 'secondary',
}: {
  alertId: string;
  message: string;
  acknowledgeAction: (alertId: string) => Promise<ActionResult<unknown>>;
  variant?: ButtonVariant;
}) {
  const [pending, startTransition] = useTransition();
  const toast = useToast();

  function acknowledge() {
    startTransition(async () => {
      const result = await acknowledgeAction(alertId);
      if (result.ok) toast.success('Alert acknowledged', message);
      else toast.error('Could not acknowledge the alert', result.error.message);
    });
  }

  return (
    <button
      type="button"
      onClick={acknowledge}
      disabled={pending}
      aria-busy={pending}
      aria-label={`Acknowledge alert: ${message}`}
      className={buttonClasses(variant, 'sm', 'shrink-0')}
    >
      {pending ? <Spinner className="size-3.5" /> : null}
      {pending ? 'Acknowledging…' : 'Acknowledge'}
    </button>
  );
}
