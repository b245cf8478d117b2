'use client';

// What became of a change just proposed, approved, edited or restored: applied (and as which
// version), waiting for approvals (how many still), or scheduled (when).
import type { ChangeDto } from '@/lib/activities/change-dto';
import { Timestamp } from '@/components/console/timestamp';
import { richText } from '@/components/console/rich-text';
import { useT } from '../i18n';
import { changeStatusLabels, type ChangeStatus } from './change-status';

export function ChangeOutcome({ change }: { change: ChangeDto }) {
  const t = useT();
  const required = change.approvalsRequired ?? 0;
  const missing = required - change.approvals.length;
  const statusLabel = changeStatusLabels[change.status as ChangeStatus];
  const text =
    change.status === 'APPLIED'
      ? t('Applied: the activity runs version {version} now.', { version: String(change.appliedVersion) })
      : change.status === 'PENDING'
        ? t.plural(
            missing,
            'Pending: {count} more approval needed ({approved} of {required}); another operator approves it in Changes.',
            'Pending: {count} more approvals needed ({approved} of {required}); another operator approves it in Changes.',
            { approved: change.approvals.length, required },
          )
        : change.status === 'SCHEDULED'
          ? richText(t('Scheduled: it applies at {time}.'), {
              time: change.applyAt ? <Timestamp iso={change.applyAt} /> : t('its time'),
            })
          : t('The change is {status}.', {
              status: statusLabel ? t(statusLabel).toLowerCase() : change.status.toLowerCase(),
            });
  return (
    <p
      role="status"
      data-testid="change-outcome"
      data-status={change.status}
      className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
    >
      {text}
    </p>
  );
}
