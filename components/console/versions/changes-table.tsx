import type { ChangeDto } from '@/lib/activities/change-dto';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { Timestamp } from '@/components/console/timestamp';
import { describeEntry } from './version-diff';

const tone: Record<ChangeDto['status'], BadgeTone> = {
  PENDING: 'amber',
  SCHEDULED: 'blue',
  APPLIED: 'green',
  REJECTED: 'red',
  CANCELLED: 'neutral',
  CONFLICT: 'red',
};

/** The activity's proposed changes, newest first: what each moves, its approvals and where it stands. */
export function ChangesTable({ changes }: { changes: ChangeDto[] }) {
  return (
    <section aria-label="Changes" className="space-y-3">
      <h2 className="text-sm font-semibold text-zinc-900">Changes</h2>
      {changes.length === 0 ? (
        <p className="text-sm text-zinc-600">No change has been proposed for this activity.</p>
      ) : (
        <Table label="Changes">
          <thead>
            <tr>
              <Th>Proposed</Th>
              <Th>Status</Th>
              <Th>On</Th>
              <Th>What</Th>
              <Th>Approvals</Th>
              <Th>Reason</Th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <Tr key={c.id}>
                <Td className="whitespace-nowrap text-zinc-500">
                  <Timestamp iso={c.createdAt} />
                </Td>
                <Td>
                  <Badge tone={tone[c.status]}>{c.status.toLowerCase()}</Badge>
                  {c.appliedVersion ? <span className="ml-2 text-xs text-zinc-500">→ v{c.appliedVersion}</span> : null}
                </Td>
                <Td className="tabular-nums">v{c.baseVersion}</Td>
                <Td>
                  <ul className="space-y-0.5">
                    {c.diff.entries.map((e) => {
                      const d = describeEntry(e);
                      return (
                        <li key={e.path} className="text-sm">
                          {d.field}: <span className="text-zinc-500">{d.before}</span> → {d.after}
                        </li>
                      );
                    })}
                  </ul>
                </Td>
                <Td className="tabular-nums">
                  {c.approvals.length}
                  {/* What it still waits for; a closed change keeps only what it got. */}
                  {c.approvalsRequired && (c.status === 'PENDING' || c.status === 'SCHEDULED')
                    ? ` / ${c.approvalsRequired}`
                    : ''}
                </Td>
                <Td className="max-w-56 truncate text-zinc-600" title={c.reason ?? undefined}>
                  {c.reason ?? '—'}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
