'use client';

import { useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses, type ButtonVariant } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';

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
  const t = useT();

  function acknowledge() {
    startTransition(async () => {
      const result = await acknowledgeAction(alertId);
      if (result.ok) toast.success(t('Alert acknowledged'), message);
      else toast.error(t('Could not acknowledge the alert'), result.error.message);
    });
  }

  return (
    <button
      type="button"
      onClick={acknowledge}
      disabled={pending}
      aria-busy={pending}
      aria-label={t('Acknowledge alert: {message}', { message })}
      className={buttonClasses(variant, 'sm', 'shrink-0')}
    >
      {pending ? <Spinner className="size-3.5" /> : null}
      {pending ? t('Acknowledging…') : t('Acknowledge')}
    </button>
  );
}
