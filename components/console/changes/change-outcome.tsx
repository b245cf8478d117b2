// What became of a change just proposed, approved, edited or restored: applied (and as which
// version), waiting for approvals (how many still), or scheduled (when).
import type { ChangeDto } from '@/lib/activities/change-dto';
import { Timestamp } from '@/components/console/timestamp';

export function ChangeOutcome({ change }: { change: ChangeDto }) {
  const required = change.approvalsRequired ?? 0;
  const text =
    change.status === 'APPLIED' ? (
      <>Applied: the activity runs version {change.appliedVersion} now.</>
    ) : change.status === 'PENDING' ? (
      <>
        Pending: {required - change.approvals.length} more approval{required - change.approvals.length === 1 ? '' : 's'}{' '}
        needed ({change.approvals.length} of {required}); another operator approves it in Changes.
      </>
    ) : change.status === 'SCHEDULED' ? (
      <>Scheduled: it applies at {change.applyAt ? <Timestamp iso={change.applyAt} /> : 'its time'}.</>
    ) : (
      <>The change is {change.status.toLowerCase()}.</>
    );
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
