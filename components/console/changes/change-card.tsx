// One change in the inbox: the activity, who proposed it and why, when it applies, what it moves
// (before → after, cost per prize), its approvals, and beside it the simulator on both
// configurations; under it what the reader may do.
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ChangeDto } from '@/lib/activities/change-dto';
import { Badge } from '@/components/ui/badge';
import { Timestamp } from '@/components/console/timestamp';
import { richText } from '@/components/console/rich-text';
import { ChangeDiffView } from './change-diff-view';
import { getConsoleT } from '../i18n-server';
import { changeStatusLabels, changeStatusTone, isOpenChange, type ChangeStatus } from './change-status';

export async function ChangeCard({
  change,
  activity,
  proposer,
  prizeNames,
  simulation,
  actions,
}: {
  change: ChangeDto;
  activity: { id: string; name: string; href: string };
  proposer: string;
  prizeNames: Record<string, string>;
  simulation: ReactNode;
  actions: ReactNode;
}) {
  const t = await getConsoleT();
  const headingId = `change-${change.id}`;
  const statusLabel = changeStatusLabels[change.status as ChangeStatus];
  const required = change.approvalsRequired ?? 0;
  return (
    <article
      aria-labelledby={headingId}
      data-testid="change-card"
      data-status={change.status}
      className="rounded-xl border border-zinc-200 bg-white shadow-sm shadow-zinc-900/[0.03]"
    >
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-5 py-3">
        <div className="flex min-w-0 items-center gap-3">
          <h2 id={headingId} className="truncate text-base font-semibold text-zinc-950">
            <Link href={activity.href} className="hover:underline">
              {activity.name}
            </Link>
          </h2>
          <Badge tone={changeStatusTone[change.status as ChangeStatus] ?? 'neutral'}>
            {statusLabel ? t(statusLabel).toLowerCase() : change.status.toLowerCase()}
          </Badge>
          <span className="text-xs text-zinc-600 tabular-nums">
            {t('on v{version}', { version: String(change.baseVersion) })}
            {change.appliedVersion ? ` → v${change.appliedVersion}` : ''}
          </span>
        </div>
        <p className="text-xs text-zinc-600">
          {richText(t('Proposed by {proposer}, {time}'), {
            proposer: <span className="font-medium text-zinc-900">{proposer}</span>,
            time: <Timestamp iso={change.createdAt} />,
          })}
        </p>
      </header>
      <div className="grid gap-6 px-5 py-4 lg:grid-cols-2">
        <div className="space-y-3">
          <dl className="grid grid-cols-3 gap-3 text-sm">
            <div>
              <dt className="text-xs font-medium text-zinc-600">{t('Reason')}</dt>
              <dd className="mt-0.5 text-zinc-900">{change.reason ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-zinc-600">{t('Applies')}</dt>
              <dd className="mt-0.5 text-zinc-900">
                {change.applyAt ? <Timestamp iso={change.applyAt} /> : t('once approved')}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-zinc-600">{t('Approvals')}</dt>
              <dd className="mt-0.5 text-zinc-900 tabular-nums" data-testid="approvals">
                {isOpenChange(change.status)
                  ? t('{count} of {required}', { count: change.approvals.length, required })
                  : change.approvals.length}
              </dd>
            </div>
          </dl>
          <ChangeDiffView
            diff={change.diff}
            prizeNames={prizeNames}
            label={t('What the change to {name} moves', { name: activity.name })}
          />
          {change.closedReason ? (
            <p className="text-sm text-zinc-600">{t('Closed: {reason}', { reason: change.closedReason })}</p>
          ) : null}
        </div>
        <div>{simulation}</div>
      </div>
      {actions}
    </article>
  );
}
