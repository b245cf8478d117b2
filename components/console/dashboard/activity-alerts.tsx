// The activity's open alerts (tiers ahead of pacing, low stock, odds drift, stock drift,
// over-issue), named and acknowledged here just as in the header's alert panel.
import type { DashboardData } from '@/lib/stats/get-dashboard-data';
import type { ActionResult } from '@/lib/http/action-result';
import { Badge } from '@/components/ui/badge';
import { useT } from '@/components/console/i18n';
import { Timestamp } from '@/components/console/timestamp';
import { AcknowledgeAlertButton } from '@/components/console/alerts/acknowledge-alert-button';
import { alertKindLabel, severityEdge, severityLabel, severityTone } from '@/components/console/alerts/severity';

export function ActivityAlerts({
  alerts,
  acknowledge,
}: {
  alerts: DashboardData['alerts'];
  acknowledge: ((alertId: string) => Promise<ActionResult<unknown>>) | null;
}) {
  const t = useT();
  return (
    <section
      aria-labelledby="alerts-heading"
      className="rounded-xl border border-zinc-200 bg-white shadow-sm shadow-zinc-900/[0.03]"
      data-testid="activity-alerts"
    >
      <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-3">
        <h2 id="alerts-heading" className="text-sm font-semibold text-zinc-950">
          {t('Open alerts')}
        </h2>
        <span className="text-xs text-zinc-600">
          {alerts.length === 0 ? t('None open') : t('{count} open', { count: alerts.length })}
        </span>
      </div>
      {alerts.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-zinc-600">
          {t('No open alerts for this activity. Tiers ahead of pacing, low stock and drift show up here.')}
        </p>
      ) : (
        <ul role="list" className="divide-y divide-zinc-100">
          {alerts.map((a) => (
            <li
              key={a.id}
              className="relative flex items-start gap-3 py-3 pr-4 pl-5"
              data-testid="activity-alert"
              data-kind={a.kind}
            >
              <span aria-hidden className={`absolute inset-y-3 left-2 w-1 rounded-full ${severityEdge[a.severity]}`} />
              <div className="min-w-0 flex-1">
                <div className="flex items-center gap-2">
                  <Badge tone={severityTone[a.severity]}>{severityLabel[a.severity]}</Badge>
                  <span className="truncate text-xs font-medium text-zinc-700" data-kind={a.kind}>
                    {alertKindLabel(a.kind)}
                  </span>
                  <span className="text-xs text-zinc-600">
                    <Timestamp iso={a.createdAt} />
                  </span>
                </div>
                <p className="mt-1 text-sm break-words text-zinc-900">{a.message}</p>
              </div>
              {acknowledge ? (
                <AcknowledgeAlertButton alertId={a.id} message={a.message} acknowledgeAction={acknowledge} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
