'use client';

// Restore a version: a change back to that version's configuration, proposed with a reason and
// under the same approvals as any change; the result says whether it applied or waits.
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import type { ChangeDto } from '@/lib/activities/change-dto';
import { buttonClasses } from '@/components/ui/button-classes';
import { inputClasses } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { useT } from '@/components/console/i18n';
import type { ChangeActionError, ChangeActionResult } from '@/components/console/changes/change-action-result';
import { ChangeError } from '@/components/console/changes/change-error';
import { ChangeOutcome } from '@/components/console/changes/change-outcome';

export function RestoreVersionButton({
  version,
  tenantSlug,
  restore,
}: {
  version: number;
  tenantSlug: string;
  restore: (input: { reason?: string }) => Promise<ChangeActionResult<ChangeDto>>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ChangeActionError | null>(null);
  const [done, setDone] = useState<ChangeDto | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const t = useT();
  const id = useId();

  return (
    <div className="mt-1 space-y-2">
      <button
        type="button"
        className="text-xs font-medium text-indigo-700 hover:underline"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
      >
        {t('Restore v{version}…', { version: String(version) })}
      </button>
      {open ? (
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const r = await restore(reason.trim() ? { reason: reason.trim() } : {});
              if (r.ok) {
                setDone(r.data);
                setError(null);
                setOpen(false);
                router.refresh();
              } else setError(r.error);
            });
          }}
        >
          <div className="flex-1">
            <label htmlFor={`${id}-reason`} className="block text-xs font-medium text-zinc-700">
              {t('Reason for restoring v{version}', { version: String(version) })}
            </label>
            <input
              id={`${id}-reason`}
              value={reason}
              maxLength={500}
              placeholder={t('restore version {version}', { version: String(version) })}
              onChange={(e) => setReason(e.target.value)}
              className={`${inputClasses} mt-1`}
            />
          </div>
          <button type="submit" className={buttonClasses('primary', 'sm', 'mb-0.5')} disabled={pending}>
            {pending ? <Spinner /> : null}
            {t('Restore')}
          </button>
        </form>
      ) : null}
      {error ? <ChangeError error={error} tenantSlug={tenantSlug} /> : null}
      {done ? <ChangeOutcome change={done} /> : null}
    </div>
  );
}
