// Where a campaign loses its people (page views → players → draws → wins → claims → shipped) and what its
// prizes cost against what was planned. Figures from the dashboard's data; no chart library.
import type { DashboardData } from '@/lib/stats/get-dashboard-data';
import { useT } from '../i18n';
import { formatCount, formatPercent } from './format';

export function FunnelAndBudget({ funnel, budget }: Pick<DashboardData, 'funnel' | 'budget'>) {
  const t = useT();
  const money = (minor: number) => t.number(minor / 100, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const steps = [
    { label: t('Page views'), value: funnel.pageViews },
    { label: t('Players'), value: funnel.players },
    { label: t('Draws'), value: funnel.draws },
    { label: t('Wins'), value: funnel.wins },
    { label: t('Claimed'), value: funnel.claimed },
    { label: t('Shipped'), value: funnel.shipped },
  ];
  const widest = Math.max(1, ...steps.map((s) => s.value));
  const spent = budget.plannedMinor > 0 ? budget.issuedMinor / budget.plannedMinor : null;
  return (
    <div className="grid grid-cols-3 gap-4">
      <section
        aria-labelledby="funnel-heading"
        className="col-span-2 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm shadow-zinc-900/[0.03]"
        data-testid="funnel"
      >
        <h2 id="funnel-heading" className="text-sm font-semibold text-zinc-950">
          {t('Funnel')}
        </h2>
        <p className="mt-0.5 text-xs text-zinc-500">{t('Each step with its share of the step before.')}</p>
        <ol className="mt-4 space-y-2" role="list">
          {steps.map((s, i) => {
            const before = i > 0 ? steps[i - 1]!.value : null;
            return (
              <li key={s.label} className="grid grid-cols-[6rem_1fr_7rem] items-center gap-3 text-sm">
                <span className="text-zinc-700">{s.label}</span>
                <span className="h-2.5 rounded-full bg-zinc-100" aria-hidden>
                  <span
                    className="block h-2.5 rounded-full bg-indigo-500"
                    style={{ width: `${Math.max(s.value > 0 ? 1 : 0, (s.value / widest) * 100)}%` }}
                  />
                </span>
                <span className="text-right tabular-nums">
                  {formatCount(s.value, t.locale)}
                  {before ? (
                    <span className="ml-1 text-xs text-zinc-500">{formatPercent(s.value / before, 1, t.locale)}</span>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ol>
      </section>
      <section
        aria-labelledby="budget-heading"
        className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm shadow-zinc-900/[0.03]"
        data-testid="budget"
      >
        <h2 id="budget-heading" className="text-sm font-semibold text-zinc-950">
          {t('Prize budget')}
        </h2>
        <p className="mt-0.5 text-xs text-zinc-500">{t("Prize value won so far against every tier's stock won.")}</p>
        <p className="mt-4 text-2xl font-semibold tabular-nums text-zinc-950">{money(budget.issuedMinor)}</p>
        <p className="text-sm text-zinc-600">{t('of {amount} planned', { amount: money(budget.plannedMinor) })}</p>
        <span className="mt-3 block h-2.5 rounded-full bg-zinc-100" aria-hidden>
          <span
            className="block h-2.5 rounded-full bg-emerald-500"
            style={{ width: `${Math.min(100, (spent ?? 0) * 100)}%` }}
          />
        </span>
        <p className="mt-1 text-xs text-zinc-500">
          {spent === null
            ? t('No prize value set')
            : t('{percent} spent', { percent: formatPercent(spent, 1, t.locale) })}
        </p>
      </section>
    </div>
  );
}
