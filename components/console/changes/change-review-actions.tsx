'use client';

// The buttons under a change in the inbox, as the reader's role and identity allow: the
// proposer cannot approve or reject their own change (they edit or cancel it); another operator
// approves or rejects it with a reason; a change that met another version is rebased.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import type { ChangeDto } from '@/lib/activities/change-dto';
import { buttonClasses } from '@/components/ui/button-classes';
import { inputClasses } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { useT } from '../i18n';
import type { ChangeActionError, ChangeActionResult } from './change-action-result';
import { ChangeError } from './change-error';
import { ChangeOutcome } from './change-outcome';

type Act = () => Promise<ChangeActionResult<ChangeDto>>;

export function ChangeReviewActions({
  tenantSlug,
  status,
  isProposer,
  approvedByMe,
  editHref,
  prizeNames,
  approve,
  reject,
  cancel,
  rebase,
}: {
  tenantSlug: string;
  status: string;
  isProposer: boolean;
  approvedByMe: boolean;
  editHref: string;
  prizeNames: Record<string, string>;
  approve: Act;
  reject: (input: { reason?: string }) => Promise<ChangeActionResult<ChangeDto>>;
  cancel: Act;
  rebase: Act;
}) {
  const t = useT();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<ChangeActionError | null>(null);
  const [done, setDone] = useState<ChangeDto | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const id = useId();
  const open = status === 'PENDING' || status === 'SCHEDULED';

  const run = (act: Act) =>
    start(async () => {
      const r = await act();
      if (r.ok) {
        setDone(r.data);
        setError(null);
        setRejecting(false);
        router.refresh();
      } else setError(r.error);
    });

  // A change closed meanwhile keeps the outcome of what this reader just did.
  if (!open && status !== 'CONFLICT' && !done) return null;
  return (
    <div className="space-y-2 border-t border-zinc-200 px-5 py-3">
      {done ? <ChangeOutcome change={done} /> : null}
      {open && isProposer ? (
        <p className="text-sm text-zinc-600" data-testid="proposer-note">
          {t('You proposed this change: another operator must approve it.')}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        {open && !isProposer ? (
          <button
            type="button"
            className={buttonClasses('primary', 'sm')}
            disabled={pending || approvedByMe}
            onClick={() => run(approve)}
          >
            {pending ? <Spinner /> : null}
            {approvedByMe ? t('Approved by you') : t('Approve')}
          </button>
        ) : null}
        {open && !isProposer ? (
          <button
            type="button"
            className={buttonClasses('danger-ghost', 'sm')}
            disabled={pending}
            aria-expanded={rejecting}
            onClick={() => setRejecting((v) => !v)}
          >
            {t('Reject…')}
          </button>
        ) : null}
        {open ? (
          <Link href={editHref} className={buttonClasses('secondary', 'sm')}>
            {t('Edit')}
          </Link>
        ) : null}
        {open ? (
          <button type="button" className={buttonClasses('ghost', 'sm')} disabled={pending} onClick={() => run(cancel)}>
            {t('Cancel change')}
          </button>
        ) : null}
        {status === 'CONFLICT' ? (
          <button
            type="button"
            className={buttonClasses('primary', 'sm')}
            disabled={pending}
            onClick={() => run(rebase)}
          >
            {t('Rebase on the current version')}
          </button>
        ) : null}
      </div>
      {rejecting ? (
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => reject(reason.trim() ? { reason: reason.trim() } : {}));
          }}
        >
          <div className="flex-1">
            <label htmlFor={`${id}-reason`} className="block text-xs font-medium text-zinc-700">
              {t('Reason for rejecting')}
            </label>
            <input
              id={`${id}-reason`}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              className={`${inputClasses} mt-1`}
            />
          </div>
          <button type="submit" className={buttonClasses('danger', 'sm', 'mb-0.5')} disabled={pending}>
            {t('Reject change')}
          </button>
        </form>
      ) : null}
      {error ? (
        <ChangeError error={error} tenantSlug={tenantSlug} prizeNames={prizeNames} onRebase={() => run(rebase)} />
      ) : null}
    </div>
  );
}
