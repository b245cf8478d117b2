// The latest changes to this activity and its tiers, auto-tuning's included, so what moved the
// odds or the status is on the dashboard beside its effect. The audit log has the full history.
import Link from 'next/link';
import type { DashboardData } from '@/lib/stats/get-dashboard-data';
import type { Translator } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';
import { formatDayClock } from './format';
import { useTimeZone } from '../time-zone';

type Change = DashboardData['changes'][number];

function who(c: Change, t: Translator): string {
  if (c.actorType === 'SYSTEM')
    return c.actorId === 'auto-tune'
      ? t('Auto-tune')
      : c.actorId === 'activity-lifecycle'
        ? t('Schedule')
        : t('System');
  return c.actorType === 'API_KEY' ? t('API key') : t('Operator');
}

/**
 * "probability 0.1 → 0.15, stock 500 → 600": the fields that changed; a change applied live by
 * the versions it went between and its own summary.
 */
function what(c: Change, t: Translator): string {
  if (c.before === null || c.before === undefined) return c.action.endsWith('.create') ? t('created') : c.action;
  const before = (c.before ?? {}) as Record<string, unknown>;
  const after = (c.after ?? {}) as Record<string, unknown>;
  if (c.action === 'change.apply' && typeof after.summary === 'string')
    return `v${String(before.version)} → v${String(after.version)}: ${after.summary}`;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => typeof after[k] !== 'object' && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  const shown = keys.slice(0, 3).map((k) => `${k} ${before[k] ?? '—'} → ${after[k] ?? '—'}`);
  return shown.length ? shown.join(', ') : c.action;
}

export function RecentChanges({ changes, auditHref }: { changes: DashboardData['changes']; auditHref: string }) {
  const zone = useTimeZone();
  const t = useT();
  return (
    <section
      aria-labelledby="changes-heading"
      className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm shadow-zinc-900/[0.03]"
    >
      <div className="flex items-baseline justify-between gap-4">
        <h2 id="changes-heading" className="text-sm font-semibold text-zinc-950">
          {t('Recent changes')}
        </h2>
        <Link href={auditHref} className="text-xs font-medium text-indigo-700 hover:text-indigo-900">
          {t('Full audit log')}
        </Link>
      </div>
      {changes.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600">{t('No changes since the activity was created.')}</p>
      ) : (
        <ul className="mt-2 divide-y divide-zinc-100 text-sm" data-testid="recent-changes">
          {changes.map((c) => (
            <li key={c.id} className="flex items-baseline gap-3 py-2">
              <time dateTime={c.createdAt} className="w-28 shrink-0 text-xs text-zinc-600 tabular-nums">
                {formatDayClock(c.createdAt, zone, t.locale)}
              </time>
              <span className="w-20 shrink-0 text-xs font-medium text-zinc-700">{who(c, t)}</span>
              <span className="min-w-0 text-zinc-900">
                <span className="font-medium">{c.objectName}</span>: <span className="text-zinc-700">{what(c, t)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
