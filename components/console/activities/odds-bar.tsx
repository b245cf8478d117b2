'use client';

// The tiers' odds side by side in one bar, the rest labelled "no win"; red past 100 %.
import { useT } from '../i18n';
import { percent } from './format';
import { tierColor } from './tier-colors';

export function OddsBar({ tiers }: { tiers: { name: string; probability: number }[] }) {
  const t = useT();
  const sum = tiers.reduce((s, tier) => s + (Number.isFinite(tier.probability) ? tier.probability : 0), 0);
  const over = sum > 1 + 1e-9;
  const noWin = Math.max(0, 1 - sum);
  // Tiny odds still get a sliver, so every tier is visible in the bar.
  const width = (p: number) => `${Math.max(p > 0 ? 0.6 : 0, (p / Math.max(1, sum)) * 100)}%`;
  return (
    <div data-testid="odds-bar">
      <div className="flex items-baseline justify-between gap-4 text-sm">
        <p className="font-medium text-zinc-800">
          {t('Odds of a win:')}{' '}
          <span className={`tabular-nums ${over ? 'text-red-700' : ''}`} data-testid="odds-sum">
            {percent(sum)}
          </span>
        </p>
        <p className="text-zinc-600">
          {t('No win:')}{' '}
          <span className="font-medium tabular-nums text-zinc-800" data-testid="odds-no-win">
            {over ? '—' : percent(noWin)}
          </span>
        </p>
      </div>
      <div
        className={`mt-2 flex h-3 overflow-hidden rounded-full ring-1 ring-inset ${over ? 'bg-red-100 ring-red-300' : 'bg-zinc-100 ring-zinc-200'}`}
        aria-hidden
      >
        {tiers.map((tier, i) => (
          <span
            key={i}
            className="h-full border-r border-white last:border-r-0"
            style={{ width: width(tier.probability), backgroundColor: tierColor(i) }}
          />
        ))}
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600">
        {tiers.map((tier, i) => (
          <li key={i} className="flex items-center gap-1.5">
            <span aria-hidden className="size-2 rounded-full" style={{ backgroundColor: tierColor(i) }} />
            {tier.name || t('Tier {n}', { n: i + 1 })}{' '}
            <span className="tabular-nums">{percent(tier.probability || 0)}</span>
          </li>
        ))}
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="size-2 rounded-full bg-zinc-300" />
          {t('No win')} <span className="tabular-nums">{over ? '—' : percent(noWin)}</span>
        </li>
      </ul>
      {over ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {t("The odds add up to more than 100 %. Lower a tier's odds.")}
        </p>
      ) : null}
    </div>
  );
}
