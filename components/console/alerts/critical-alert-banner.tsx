// Red banners above the page content for CRITICAL alerts (over-issue), on every console
// section until someone acknowledges them.
import type { AlertDto } from '@/lib/alerts/list-alerts';
import type { ActionResult } from '@/lib/http/action-result';
import { getConsoleT } from '@/components/console/i18n-server';
import { AlertIcon } from '@/components/console/icons';
import { Timestamp } from '@/components/console/timestamp';
import { AcknowledgeAlertButton } from './acknowledge-alert-button';

const SHOWN = 3;

export async function CriticalAlertBanner({
  alerts,
  acknowledgeAction,
}: {
  alerts: AlertDto[];
  acknowledgeAction: ((alertId: string) => Promise<ActionResult<unknown>>) | null;
}) {
  const critical = alerts.filter((a) => a.severity === 'CRITICAL');
  if (critical.length === 0) return null;
  const t = await getConsoleT();
  return (
    <section aria-label={t('Critical alerts')} className="mb-8 space-y-2" data-testid="critical-alerts">
      {critical.slice(0, SHOWN).map((a) => (
        <div
          key={a.id}
          role="alert"
          className="flex items-start gap-3 rounded-lg border border-red-300 bg-red-50 px-4 py-3"
        >
          <AlertIcon className="mt-0.5 size-5 shrink-0 text-red-600" />
          <div className="min-w-0 flex-1">
            <p className="text-sm font-semibold text-red-900">{t('Critical: {message}', { message: a.message })}</p>
            <p className="mt-0.5 text-xs text-red-800">
              {a.activity ? <>{a.activity.name} · </> : null}
              <span className="font-mono">{a.kind}</span> · <Timestamp iso={a.createdAt} />
              {acknowledgeAction ? null : ` · ${t('an operator or owner must acknowledge it')}`}
            </p>
          </div>
          {acknowledgeAction ? (
            <AcknowledgeAlertButton alertId={a.id} message={a.message} acknowledgeAction={acknowledgeAction} />
          ) : null}
        </div>
      ))}
      {critical.length > SHOWN ? (
        <p className="text-sm text-red-800">
          {t('{count} more critical alerts: open the alerts in the header.', { count: critical.length - SHOWN })}
        </p>
      ) : null}
    </section>
  );
}
