import type { ChangeDto } from '@/lib/activities/change-dto';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { Timestamp } from '@/components/console/timestamp';
import { getConsoleT } from '../i18n-server';
import { changeStatusLabels } from '../changes/change-status';
import { describeEntry } from './version-diff';
import { versionName } from './version-name';

const tone: Record<ChangeDto['status'], BadgeTone> = {
  PENDING: 'amber',
  SCHEDULED: 'blue',
  APPLIED: 'green',
  REJECTED: 'red',
  CANCELLED: 'neutral',
  CONFLICT: 'red',
};

/** The activity's proposed changes, newest first: what each moves, its approvals and where it stands. */
export async function ChangesTable({ changes }: { changes: ChangeDto[] }) {
  const t = await getConsoleT();
  return (
    <section aria-label={t('Changes')} className="space-y-3">
      <h2 className="text-sm font-semibold text-zinc-900">{t('Changes')}</h2>
      {changes.length === 0 ? (
        <p className="text-sm text-zinc-600">{t('No change has been proposed for this activity.')}</p>
      ) : (
        <Table label={t('Changes')}>
          <thead>
            <tr>
              <Th>{t('Proposed')}</Th>
              <Th>{t('Status')}</Th>
              <Th>{t.ctx('based on', 'On')}</Th>
              <Th>{t('What')}</Th>
              <Th>{t('Approvals')}</Th>
              <Th>{t('Reason')}</Th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <Tr key={c.id}>
                <Td className="whitespace-nowrap text-zinc-500">
                  <Timestamp iso={c.createdAt} />
                </Td>
                <Td>
                  <Badge tone={tone[c.status]}>{t(changeStatusLabels[c.status]).toLowerCase()}</Badge>
                  {c.appliedVersion ? (
                    <span className="ml-2 text-xs text-zinc-500">→ {versionName(c.appliedVersion)}</span>
                  ) : null}
                </Td>
                <Td className="tabular-nums">{versionName(c.baseVersion)}</Td>
                <Td>
                  <ul className="space-y-0.5">
                    {c.diff.entries.map((e) => {
                      const d = describeEntry(e, t);

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
