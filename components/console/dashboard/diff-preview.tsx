'use client';

// Before → after of a live adjustment, shown before the operator confirms it. A client component,
// so server-rendered diffs (the change inbox) share its translated head too.
import type { Diff } from '@/lib/stats/adjustment-diff';
import { msg } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';

// The fixed words lib/stats/adjustment-diff.ts writes into a diff (fields, status names, notes):
// shown through `t(...)`; anything else (numbers, interpolated errors) passes through unchanged.
export const diffWords = [
  msg('Odds'),
  msg('Tier stock'),
  msg('Remaining wins'),
  msg('No win (all tiers)'),
  msg('Status'),
  msg('Draft'),
  msg('Scheduled'),
  msg('Live'),
  msg('Paused'),
  msg('Ended'),
  msg('Nothing changes: enter new odds or a new stock.'),
  msg('The next draw uses the new odds.'),
  msg('Prize pools still cap wins: raising tier stock does not add prizes.'),
  msg('Draws are refused with ACTIVITY_NOT_LIVE until the activity is resumed.'),
  msg('Chances, stock and wins are kept.'),
  msg('Draws are accepted again at once (SCHEDULED instead if the period has not started).'),
  msg('Draws stop for good: an ended activity cannot be resumed.'),
  msg('Unused stock returns to the prizes\u2019 total pools.'),
];

/** The head of a before → after table (field, before, after), shared by every diff the console shows. */
export function BeforeAfterHead() {
  const t = useT();
  return (
    <thead>
      <tr className="text-left text-xs text-zinc-600">
        <th scope="col" className="pb-1.5 font-medium">
          {t('Field')}
        </th>
        <th scope="col" className="pb-1.5 text-right font-medium">
          {t('Before')}
        </th>
        <th scope="col" className="w-6 pb-1.5">
          <span className="sr-only">{t('becomes')}</span>
        </th>
        <th scope="col" className="pb-1.5 text-right font-medium">
          {t('After')}
        </th>
      </tr>
    </thead>
  );
}

export function DiffPreview({ diff, label }: { diff: Diff; label: string }) {
  const t = useT();
  return (
    <div className="space-y-3">
      <table className="w-full text-sm" aria-label={label} data-testid="diff-preview">
        <BeforeAfterHead />
        <tbody className="divide-y divide-zinc-100">
          {diff.rows.map((r) => (
            <tr key={r.field} className={r.changed ? 'bg-amber-50/60' : ''} data-changed={r.changed || undefined}>
              <th scope="row" className="py-2 pr-2 text-left font-medium text-zinc-800">
                {t(r.field)}
              </th>
              <td
                className={`py-2 text-right tabular-nums ${r.changed ? 'text-zinc-500 line-through decoration-zinc-400' : 'text-zinc-700'}`}
              >
                {t(r.before)}
              </td>
              <td className="py-2 text-center text-zinc-400" aria-hidden>
                →
              </td>
              <td
                className={`py-2 pr-1 text-right tabular-nums ${r.changed ? 'font-semibold text-zinc-950' : 'text-zinc-700'}`}
              >
                {t(r.after)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff.errors.length > 0 ? (
        <ul role="alert" className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {diff.errors.map((e) => (
            <li key={e}>{t(e)}</li>
          ))}
        </ul>
      ) : null}
      {diff.notes.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-xs leading-5 text-zinc-600">
          {diff.notes.map((n) => (
            <li key={n}>{t(n)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
