'use client';

// The simulator beside a change: the same random draws and traffic shape through the
// configuration in force and through the proposed one, side by side, per tier: wins and when
// the tier sells out.
import { useId, useState, useTransition } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { inputClasses } from '@/components/ui/dialog';
import type { Simulation } from '@/lib/activities/simulate-activity';
import { Timestamp } from '@/components/console/timestamp';
import type { ChangeActionError, ChangeActionResult } from './change-action-result';
import { useT } from '../i18n';
import { ChangeError } from './change-error';

export type SideBySide = { current: Simulation; proposed: Simulation };

export function ChangeSimulation({
  run,
  tenantSlug,
}: {
  run: (input: { draws: number; shape: string }) => Promise<ChangeActionResult<SideBySide>>;
  tenantSlug: string;
}) {
  const [draws, setDraws] = useState('10000');
  const [shape, setShape] = useState('flat');
  const [result, setResult] = useState<SideBySide | null>(null);
  const [error, setError] = useState<ChangeActionError | null>(null);
  const [pending, start] = useTransition();
  const id = useId();
  const t = useT();

  return (
    <section aria-labelledby={`${id}-h`} className="space-y-3" data-testid="change-simulation">
      <h3 id={`${id}-h`} className="text-sm font-semibold text-zinc-900">
        {t('Simulator: in force vs proposed')}
      </h3>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await run({ draws: Number(draws), shape });
            if (r.ok) {
              setResult(r.data);
              setError(null);
            } else setError(r.error);
          });
        }}
        noValidate
      >
        <div>
          <label htmlFor={`${id}-d`} className="block text-xs font-medium text-zinc-700">
            {t('Draws')}
          </label>
          <input
            id={`${id}-d`}
            inputMode="numeric"
            value={draws}
            onChange={(e) => setDraws(e.target.value)}
            className={`${inputClasses} mt-1 w-28`}
          />
        </div>
        <div>
          <label htmlFor={`${id}-s`} className="block text-xs font-medium text-zinc-700">
            {t('Traffic')}
          </label>
          <select
            id={`${id}-s`}
            value={shape}
            onChange={(e) => setShape(e.target.value)}
            className={`${inputClasses} mt-1 w-32`}
          >
            <option value="flat">{t('Flat')}</option>
            <option value="evening">{t('Evening peak')}</option>
            <option value="launch">{t('Launch spike')}</option>
          </select>
        </div>
        <button type="submit" className={buttonClasses('secondary', 'sm', 'mb-0.5')} disabled={pending}>
          {pending ? <Spinner /> : null}
          {t('Run both')}
        </button>
      </form>
      {error ? <ChangeError error={error} tenantSlug={tenantSlug} /> : null}
      {result ? <Comparison result={result} /> : null}
    </section>
  );
}

function Comparison({ result }: { result: SideBySide }) {
  const t = useT();
  const { current, proposed } = result;
  const byId = new Map(proposed.tiers.map((tier) => [tier.id, tier]));
  return (
    // Two full timestamps side by side may be wider than the review's column: the table scrolls.
    <div className="overflow-x-auto">
      <table className="w-full text-xs" aria-label={t('Simulation, in force and proposed')}>
        <thead>
          <tr className="text-left text-zinc-600">
            <th scope="col" className="pb-1 font-medium">
              {t('Tier')}
            </th>
            <th scope="col" className="pb-1 pl-2 text-right font-medium">
              {t('Wins now')}
            </th>
            <th scope="col" className="pb-1 pl-2 text-right font-medium">
              {t('Wins proposed')}
            </th>
            <th scope="col" className="pb-1 pl-3 font-medium">
              {t('Sells out now')}
            </th>
            <th scope="col" className="pb-1 pl-3 font-medium">
              {t('Sells out proposed')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {current.tiers.map((tier) => {
            const p = byId.get(tier.id);
            return (
              <tr key={tier.id}>
                <th scope="row" className="py-1 text-left font-medium whitespace-nowrap text-zinc-800">
                  {tier.name}
                </th>
                <td className="py-1 pl-2 text-right tabular-nums">{t.number(tier.wins)}</td>
                <td className="py-1 pl-2 text-right font-semibold tabular-nums">{p ? t.number(p.wins) : '—'}</td>
                <td className="py-1 pl-3">{tier.depletedAt ? <Timestamp iso={tier.depletedAt} /> : t('lasts')}</td>
                <td className="py-1 pl-3 font-semibold">
                  {p?.depletedAt ? <Timestamp iso={p.depletedAt} /> : p ? t('lasts') : '—'}
                </td>
              </tr>
            );
          })}
          <tr>
            <th scope="row" className="py-1 text-left font-medium whitespace-nowrap text-zinc-800">
              {t('No win')}
            </th>
            <td className="py-1 pl-2 text-right tabular-nums">{t.number(current.noWin)}</td>
            <td className="py-1 pl-2 text-right font-semibold tabular-nums">{t.number(proposed.noWin)}</td>

            <td colSpan={2} />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
