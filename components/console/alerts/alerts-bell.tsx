'use client';

// Header bell: the count of the tenant's open alerts and a panel listing them. The layout
// renders the data; this leaf only opens the panel and refreshes the route now and then, and at
// once when a page announces changed alerts (alerts-changed.ts), so an alert raised by a worker
// shows up without a reload.
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { AlertDto } from '@/lib/alerts/list-alerts';
import type { ActionResult } from '@/lib/http/action-result';
import { Badge } from '@/components/ui/badge';
import { useT } from '@/components/console/i18n';
import { Timestamp } from '@/components/console/timestamp';
import { AcknowledgeAlertButton } from './acknowledge-alert-button';
import { ALERTS_CHANGED_EVENT } from './alerts-changed';
import { alertKindLabel, severityEdge, severityLabel, severityTone } from './severity';

const REFRESH_INTERVAL_MS = 60_000;

export function AlertsBell({
  alerts,
  openCount,
  acknowledgeAction,
}: {
  alerts: AlertDto[];
  openCount: number;
  /** null for analysts: they see alerts but cannot acknowledge them. */
  acknowledgeAction: ((alertId: string) => Promise<ActionResult<unknown>>) | null;
}) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const panelId = useId();
  const headingId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const critical = alerts.some((a) => a.severity === 'CRITICAL');
  const t = useT();

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === 'visible') router.refresh();
    };
    const timer = setInterval(refresh, REFRESH_INTERVAL_MS);
    document.addEventListener('visibilitychange', refresh);
    window.addEventListener(ALERTS_CHANGED_EVENT, refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
      window.removeEventListener(ALERTS_CHANGED_EVENT, refresh);
    };
  }, [router]);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.focus();
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close(true);
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open, close]);

  const label = openCount === 0 ? t('Alerts, none open') : t('Alerts, {count} open', { count: openCount });

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        data-testid="alerts-bell"
        className="relative flex size-9 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 aria-expanded:bg-zinc-100"
      >
        <BellIcon className="size-5" />
        {openCount > 0 ? (
          <span
            data-testid="alerts-count"
            className={`absolute -top-0.5 -right-0.5 flex h-[18px] min-w-[18px] items-center justify-center rounded-full px-1 text-[11px] leading-none font-semibold text-white tabular-nums ring-2 ring-white ${
              critical ? 'bg-red-600' : 'bg-amber-600'
            }`}
          >
            {openCount > 99 ? '99+' : openCount}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          ref={panelRef}
          id={panelId}
          role="dialog"
          aria-labelledby={headingId}
          tabIndex={-1}
          className="absolute top-full right-0 z-40 mt-2 w-[26rem] animate-toast-in overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xl shadow-zinc-900/10 focus:outline-none"
        >
          <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-3">
            <h2 id={headingId} className="text-sm font-semibold text-zinc-950">
              {t('Alerts')}
            </h2>
            <span className="text-xs text-zinc-500">
              {openCount === 0 ? t('None open') : t('{count} open', { count: openCount })}
            </span>
          </div>
          {alerts.length === 0 ? (
            <div className="px-6 py-10 text-center">
              <p className="text-sm font-medium text-zinc-900">{t('All clear')}</p>
              <p className="mt-1 text-sm text-zinc-600">
                {t(
                  'Tiers ahead of pacing, low stock, odds and stock drift show up here until someone acknowledges them.',
                )}
              </p>
            </div>
          ) : (
            <ul
              role="list"
              aria-label={t('Open alerts')}
              className="max-h-[26rem] divide-y divide-zinc-100 overflow-y-auto"
            >
              {alerts.map((a) => (
                <li key={a.id} className="relative flex gap-3 py-3 pr-4 pl-5" data-testid="alert-item">
                  <span
                    aria-hidden
                    className={`absolute inset-y-3 left-2 w-1 rounded-full ${severityEdge[a.severity]}`}
                  />
                  <div className="min-w-0 flex-1">
                    <div className="flex items-center gap-2">
                      <Badge tone={severityTone[a.severity]}>{t(severityLabel[a.severity])}</Badge>
                      <span className="truncate text-xs font-medium text-zinc-700" data-kind={a.kind}>
                        {t(alertKindLabel(a.kind))}
                      </span>
                    </div>
                    <p className="mt-1.5 text-sm break-words text-zinc-900">{a.message}</p>
                    <p className="mt-1 text-xs text-zinc-500">
                      {a.activity ? <span className="text-zinc-700">{a.activity.name} · </span> : null}
                      <Timestamp iso={a.createdAt} />
                    </p>
                  </div>
                  {acknowledgeAction ? (
                    <AcknowledgeAlertButton alertId={a.id} message={a.message} acknowledgeAction={acknowledgeAction} />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {openCount > alerts.length ? (
            <p className="border-t border-zinc-200 bg-zinc-50 px-4 py-2.5 text-xs text-zinc-600">
              {t('Showing the {shown} most severe of {count} open alerts.', { shown: alerts.length, count: openCount })}
            </p>
          ) : null}
          {!acknowledgeAction && alerts.length > 0 ? (
            <p className="border-t border-zinc-200 bg-zinc-50 px-4 py-2.5 text-xs text-zinc-600">
              {t('Operators and owners can acknowledge alerts.')}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function BellIcon({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable="false"
      className={className}
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
