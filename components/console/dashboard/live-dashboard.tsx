'use client';

// The live dashboard of one activity. The server renders the first figures; this leaf then
// polls the data endpoint every few seconds (while the tab is visible), so draws show up
// without a reload. Adjustments go through server actions and refresh the figures at once.
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { msg } from '@/lib/i18n/console/translator';
import type { ActionResult } from '@/lib/http/action-result';
import type { DashboardData } from '@/lib/stats/get-dashboard-data';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { announceAlertsChanged } from '@/components/console/alerts/alerts-changed';
import { useT } from '@/components/console/i18n';
import { ActivityAlerts } from './activity-alerts';
import {
  BurnDownChart,
  ChancesChart,
  ChartCard,
  DrawsPerMinuteChart,
  OddsChart,
  RiskChart,
  UsersPerMinuteChart,
} from './charts';
import { formatAge, formatCount, formatDayClock, formatPercent } from './format';
import { FunnelAndBudget } from './funnel-budget';
import { TimeZoneProvider } from '../time-zone';
import { RecentChanges } from './recent-changes';
import { StatusChangeButton, type ChangeStatus } from './status-change-button';
import { TierAdjustButton, type AdjustTier } from './tier-adjust-dialog';

export const POLL_INTERVAL_MS = 5_000;

type Status = DashboardData['activity']['status'];
const statusTone: Record<string, BadgeTone> = {
  LIVE: 'green',
  PAUSED: 'amber',
  SCHEDULED: 'blue',
  DRAFT: 'violet',
  ENDED: 'neutral',
};
const statusLabel: Record<string, string> = {
  LIVE: msg('Live'),
  PAUSED: msg('Paused'),
  SCHEDULED: msg('Scheduled'),
  DRAFT: msg('Draft'),
  ENDED: msg('Ended'),
};

export type DashboardActions = {
  adjustTier: AdjustTier;
  changeStatus: ChangeStatus;
  acknowledgeAlert: (alertId: string) => Promise<ActionResult<unknown>>;
} | null;

export function LiveDashboard({
  initial,
  dataUrl,
  activitiesHref,
  actions,
}: {
  initial: DashboardData;
  dataUrl: string;
  activitiesHref: string;
  actions: DashboardActions;
}) {
  const t = useT();
  const locale = t.locale;
  const count = (n: number) => formatCount(n, locale);
  const percent = (p: number | null, digits?: number) => formatPercent(p, digits, locale);
  const [data, setData] = useState(initial);
  const [failed, setFailed] = useState(false);
  const [now, setNow] = useState<number | null>(null);
  const inFlight = useRef(false);
  const alertIds = useRef(initial.alerts.map((a) => a.id).join());

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const res = await fetch(dataUrl, { cache: 'no-store', headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(String(res.status));
      const next = (await res.json()) as DashboardData;
      setData(next);
      setFailed(false);
      // The header bell lists the tenant's alerts: it hears of this activity's at once.
      const ids = next.alerts.map((a) => a.id).join();
      if (ids !== alertIds.current) {
        alertIds.current = ids;
        announceAlertsChanged();
      }
    } catch {
      setFailed(true);
    } finally {
      inFlight.current = false;
    }
  }, [dataUrl]);

  useEffect(() => {
    const poll = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    const timer = setInterval(poll, POLL_INTERVAL_MS);
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    document.addEventListener('visibilitychange', poll);
    return () => {
      clearInterval(timer);
      clearInterval(tick);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [refresh]);

  const acknowledge = actions
    ? async (alertId: string) => {
        const result = await actions.acknowledgeAlert(alertId);
        if (result.ok) void refresh();
        return result;
      }
    : null;
  const { activity, totals, perMinute, tiers } = data;
  const status = activity.status as Status;
  const transitions = actions
    ? (({ LIVE: ['pause', 'end'], SCHEDULED: ['pause', 'end'], PAUSED: ['resume', 'end'] } as const)[
        status as 'LIVE'
      ] ?? [])
    : [];
  const oddsTotal = tiers.reduce((s, tier) => s + Math.round(tier.probability * 1_000_000), 0);

  // Everything on an activity's dashboard is on the activity's own clock.
  return (
    <TimeZoneProvider zone={activity.timezone}>
      <div className="space-y-8">
        <div className="space-y-3">
          <nav aria-label={t('Breadcrumb')}>
            <ol className="flex items-center gap-1.5 text-sm text-zinc-600" role="list">
              <li>
                <Link
                  href={activitiesHref}
                  className="rounded hover:text-zinc-900 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
                >
                  {t('Activities')}
                </Link>
              </li>
              <li aria-hidden>/</li>
              <li className="truncate">{activity.name}</li>
              <li aria-hidden>/</li>
              <li aria-current="page" className="font-medium text-zinc-900">
                {t('Dashboard')}
              </li>
            </ol>
          </nav>
          <div className="flex items-end justify-between gap-6 border-b border-zinc-200 pb-6">
            <div className="min-w-0">
              <div className="flex items-center gap-3">
                <h1 className="truncate text-2xl font-semibold tracking-tight text-zinc-950">{activity.name}</h1>
                <span data-testid="activity-status">
                  <Badge tone={statusTone[status] ?? 'neutral'}>
                    {statusLabel[status] ? t(statusLabel[status]) : status}
                  </Badge>
                </span>
              </div>
              <p className="mt-1.5 text-sm text-zinc-600">
                {formatDayClock(activity.startsAt, activity.timezone, locale)} –{' '}
                {formatDayClock(activity.endsAt, activity.timezone, locale)} ({activity.timezone}) ·{' '}
                {t('refreshes every {seconds} s', { seconds: POLL_INTERVAL_MS / 1000 })} ·{' '}
                <span data-testid="aggregated-at">
                  {t('aggregated {age}', { age: now === null ? '…' : formatAge(data.aggregatedAt, now, t) })}
                </span>
                {failed ? (
                  <span role="status" className="ml-2 font-medium text-amber-700">
                    · {t('could not refresh, retrying')}
                  </span>
                ) : null}
              </p>
              {actions ? (
                <p className="mt-1.5 flex flex-wrap gap-x-4 text-sm" data-testid="exports">
                  <span className="text-zinc-500">{t('Export CSV:')}</span>
                  <a
                    href={`${activitiesHref}/${activity.id}/draws.csv`}
                    download
                    className="text-indigo-700 hover:underline"
                  >
                    {t('draws')}
                  </a>
                  <a
                    href={`${activitiesHref}/${activity.id}/participation.csv`}
                    download
                    className="text-indigo-700 hover:underline"
                  >
                    {t('players')}
                  </a>
                  <a
                    href={`${activitiesHref.replace(/\/activities$/, '')}/winners/winners.csv?activity=${activity.id}`}
                    download
                    className="text-indigo-700 hover:underline"
                  >
                    {t('winners')}
                  </a>
                </p>
              ) : null}
            </div>
            {transitions.length > 0 && actions ? (
              <div className="flex shrink-0 items-center gap-2">
                {transitions.map((transition) => (
                  <StatusChangeButton
                    key={transition}
                    status={status as 'LIVE'}
                    transition={transition}
                    changeStatus={actions.changeStatus}
                    onDone={() => void refresh()}
                  />
                ))}
              </div>
            ) : null}
          </div>
        </div>

        <dl className="grid grid-cols-6 divide-x divide-zinc-200 rounded-xl border border-zinc-200 bg-white shadow-sm shadow-zinc-900/[0.03]">
          <Kpi label={t('Draws')} testId="kpi-draws" hint={t('{count} free', { count: count(totals.freeDraws) })}>
            {count(totals.draws)}
          </Kpi>
          <Kpi
            label={t('Wins')}
            testId="kpi-wins"
            hint={t('{percent} of draws', { percent: percent(totals.draws ? totals.wins / totals.draws : null) })}
          >
            {count(totals.wins)}
          </Kpi>
          <Kpi
            label={t('Unique users')}
            testId="kpi-unique-users"
            hint={
              totals.activeUsersLastHour === null
                ? t('active last hour: —')
                : t('≈ {count} active last hour', { count: count(totals.activeUsersLastHour) })
            }
          >
            {count(totals.uniqueUsers)}
          </Kpi>
          <Kpi label={t('Chances granted')} testId="kpi-chances-granted" hint={t('by tasks and events')}>
            {count(totals.chancesGranted)}
          </Kpi>
          <Kpi
            label={t('Chances used')}
            testId="kpi-chances-used"
            hint={
              totals.chancesGranted
                ? t('{percent} of granted', { percent: percent(totals.chancesUsed / totals.chancesGranted, 1) })
                : t('granted chances drawn')
            }
          >
            {count(totals.chancesUsed)}
          </Kpi>
          <Kpi
            label={t('Risk events')}
            testId="kpi-risk-events"
            hint={t.plural(data.alerts.length, '{count} open alert', '{count} open alerts')}
          >
            {count(totals.riskEvents)}
          </Kpi>
        </dl>

        {data.alerts.length > 0 ? <ActivityAlerts alerts={data.alerts} acknowledge={acknowledge} /> : null}

        <FunnelAndBudget funnel={data.funnel} budget={data.budget} />

        <div className="grid grid-cols-2 gap-4">
          <ChartCard
            title={t('Draws per minute')}
            description={t('Draws and wins in each of the last 60 minutes.')}
            testId="chart-draws"
          >
            <DrawsPerMinuteChart minutes={perMinute} />
          </ChartCard>
          <ChartCard
            title={t('Users per minute')}
            description={t('Users drawing for the first time, and users active in the minute (HyperLogLog estimate).')}
            testId="chart-users"
          >
            <UsersPerMinuteChart minutes={perMinute} />
          </ChartCard>
          <ChartCard
            title={t('Wins by tier: configured vs actual')}
            description={t("Each tier's configured odds against its share of all draws so far.")}
            testId="chart-odds"
          >
            <OddsChart tiers={tiers} />
          </ChartCard>
          <ChartCard
            title={t('Chances granted vs used')}
            description={t('Chances granted by tasks and events, and granted chances spent on draws, per minute.')}
            testId="chart-chances"
          >
            <ChancesChart minutes={perMinute} />
          </ChartCard>
        </div>

        <section aria-labelledby="tiers-heading" className="space-y-3">
          <div className="flex items-baseline justify-between">
            <h2 id="tiers-heading" className="text-base font-semibold text-zinc-950">
              {t('Tiers')}
            </h2>
            <p className="text-xs text-zinc-600">
              {t('Odds add up to {percent}; the rest is no win.', { percent: percent(oddsTotal / 1_000_000, 4) })}
            </p>
          </div>
          <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm shadow-zinc-900/[0.03]">
            <table className="w-full text-sm" aria-label={t('Tiers')}>
              <thead className="bg-zinc-50 text-left text-xs font-medium text-zinc-600">
                <tr>
                  <th scope="col" className="px-4 py-2.5 font-medium">
                    {t('Tier')}
                  </th>
                  <th scope="col" className="px-4 py-2.5 text-right font-medium">
                    {t('Configured odds')}
                  </th>
                  <th scope="col" className="px-4 py-2.5 text-right font-medium">
                    {t('Actual share')}
                  </th>
                  <th scope="col" className="px-4 py-2.5 text-right font-medium">
                    {t('Wins')}
                  </th>
                  <th scope="col" className="px-4 py-2.5 text-right font-medium">
                    {t('Tier stock')}
                  </th>
                  <th scope="col" className="px-4 py-2.5 text-right font-medium">
                    {t('Remaining')}
                  </th>
                  <th scope="col" className="px-4 py-2.5 font-medium">
                    {t('Pacing')}
                  </th>
                  {actions ? (
                    <th scope="col" className="px-4 py-2.5">
                      <span className="sr-only">{t('Adjust')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {tiers.map((tier) => (
                  <tr key={tier.id} data-testid="tier-row" data-tier-id={tier.id}>
                    <th scope="row" className="px-4 py-2.5 text-left font-medium text-zinc-900">
                      {tier.name}
                    </th>
                    <td className="px-4 py-2.5 text-right tabular-nums" data-testid="tier-odds">
                      {percent(tier.probability, 4)}
                    </td>
                    <td className="px-4 py-2.5 text-right tabular-nums">{percent(tier.actualShare, 2)}</td>
                    <td className="px-4 py-2.5 text-right tabular-nums" data-testid="tier-wins">
                      {count(tier.wins)}
                    </td>
                    <td className="px-4 py-2.5 text-right tabular-nums" data-testid="tier-stock">
                      {count(tier.stock)}
                    </td>
                    <td className="px-4 py-2.5 text-right tabular-nums" data-testid="tier-remaining">
                      {count(tier.remaining)}
                    </td>
                    <td className="px-4 py-2.5 text-zinc-700">{tier.pacing === 'even' ? t('Even') : t('None')}</td>
                    {actions ? (
                      <td className="px-4 py-2 text-right">
                        {status !== 'ENDED' ? (
                          <TierAdjustButton
                            tier={tier}
                            othersProbability={(oddsTotal - Math.round(tier.probability * 1_000_000)) / 1_000_000}
                            adjustTier={actions.adjustTier}
                            onDone={() => void refresh()}
                          />
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section aria-labelledby="burn-heading" className="space-y-3">
          <div className="flex items-baseline justify-between">
            <h2 id="burn-heading" className="text-base font-semibold text-zinc-950">
              {t('Stock burn-down')}
            </h2>
            <p className="text-xs text-zinc-600">
              {t('Remaining tier stock against the pacing line stock × (1 − elapsed ÷ period).')}
            </p>
          </div>
          <div className="grid grid-cols-3 gap-4">
            {tiers.map((tier) => (
              <ChartCard
                key={tier.id}
                title={tier.name}
                description={t('{remaining} of {stock} left', {
                  remaining: count(tier.remaining),
                  stock: count(tier.stock),
                })}
                testId="chart-burn-down"
              >
                <BurnDownChart points={data.burnDown.find((b) => b.tierId === tier.id)?.points ?? []} />
              </ChartCard>
            ))}
          </div>
        </section>

        <div className="grid grid-cols-2 gap-4">
          <ChartCard
            title={t('Risk events per minute')}
            description={t('Blocked, rate-limited, forced-lose and held draws in the last 60 minutes.')}
            testId="chart-risk"
          >
            <RiskChart minutes={perMinute} />
          </ChartCard>
          <section
            aria-labelledby="pools-heading"
            className="min-w-0 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm shadow-zinc-900/[0.03]"
          >
            <h2 id="pools-heading" className="text-sm font-semibold text-zinc-950">
              {t('Prize pools')}
            </h2>
            <p className="mt-0.5 text-xs text-zinc-600">
              {t('Units this activity holds per prize (written back from the draw engine every second).')}
            </p>
            <table className="mt-3 w-full text-sm" aria-label={t('Prize pools')}>
              <thead className="text-left text-xs text-zinc-600">
                <tr>
                  <th scope="col" className="py-1.5 font-medium">
                    {t('Prize')}
                  </th>
                  <th scope="col" className="py-1.5 text-right font-medium">
                    {t('Reserved')}
                  </th>
                  <th scope="col" className="py-1.5 text-right font-medium">
                    {t('Issued')}
                  </th>
                  <th scope="col" className="py-1.5 text-right font-medium">
                    {t('Returned')}
                  </th>
                  <th scope="col" className="py-1.5 text-right font-medium">
                    {t('Remaining')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {data.stock.map((s) => (
                  <tr key={s.prizeId} data-testid="pool-row">
                    <th scope="row" className="py-2 pr-2 text-left font-medium text-zinc-900">
                      {s.name}
                    </th>
                    <td className="py-2 text-right tabular-nums">{count(s.reserved)}</td>
                    <td className="py-2 text-right tabular-nums">{count(s.issued)}</td>
                    <td className="py-2 text-right tabular-nums">{count(s.returned)}</td>
                    <td className="py-2 text-right font-medium tabular-nums">{count(s.remaining)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>

        <RecentChanges
          changes={data.changes}
          auditHref={`${activitiesHref.replace(/\/activities$/, '')}/audit?object=Activity&id=${data.activity.id}`}
        />

        {data.alerts.length === 0 ? <ActivityAlerts alerts={[]} acknowledge={acknowledge} /> : null}
      </div>
    </TimeZoneProvider>
  );
}

function Kpi({ label, hint, testId, children }: { label: string; hint: string; testId: string; children: ReactNode }) {
  return (
    <div className="min-w-0 px-4 py-4">
      <dt className="truncate text-sm font-medium text-zinc-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tracking-tight text-zinc-950 tabular-nums" data-testid={testId}>
        {children}
      </dd>
      <dd className="mt-0.5 truncate text-xs text-zinc-600">{hint}</dd>
    </div>
  );
}
