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
import { ChangeError } from './change-error';

export type SideBySide = { current: Simulation; proposed: Simulation };

const count = new Intl.NumberFormat('en-US');

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

  return (
    <section aria-labelledby={`${id}-h`} className="space-y-3" data-testid="change-simulation">
      <h3 id={`${id}-h`} className="text-sm font-semibold text-zinc-900">
        Simulator: in force vs proposed
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
            Draws
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
            Traffic
          </label>
          <select
            id={`${id}-s`}
            value={shape}
            onChange={(e) => setShape(e.target.value)}
            className={`${inputClasses} mt-1 w-32`}
          >
            <option value="flat">Flat</option>
            <option value="evening">Evening peak</option>
            <option value="launch">Launch spike</option>
          </select>
        </div>
        <button type="submit" className={buttonClasses('secondary', 'sm', 'mb-0.5')} disabled={pending}>
          {pending ? <Spinner /> : null}
          Run both
        </button>
      </form>
      {error ? <ChangeError error={error} tenantSlug={tenantSlug} /> : null}
      {result ? <Comparison result={result} /> : null}
    </section>
  );
}

function Comparison({ result }: { result: SideBySide }) {
  const { current, proposed } = result;
  const byId = new Map(proposed.tiers.map((t) => [t.id, t]));
  return (
    <table className="w-full text-xs" aria-label="Simulation, in force and proposed">
      <thead>
        <tr className="text-left text-zinc-600">
          <th scope="col" className="pb-1 font-medium">
            Tier
          </th>
          <th scope="col" className="pb-1 text-right font-medium">
            Wins now
          </th>
          <th scope="col" className="pb-1 text-right font-medium">
            Wins proposed
          </th>
          <th scope="col" className="pb-1 pl-3 font-medium">
            Sells out now
          </th>
          <th scope="col" className="pb-1 pl-3 font-medium">
            Sells out proposed
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {current.tiers.map((t) => {
          const p = byId.get(t.id);
          return (
            <tr key={t.id}>
              <th scope="row" className="py-1 text-left font-medium whitespace-nowrap text-zinc-800">
                {t.name}
              </th>
              <td className="py-1 text-right tabular-nums">{count.format(t.wins)}</td>
              <td className="py-1 text-right font-semibold tabular-nums">{p ? count.format(p.wins) : '—'}</td>
              <td className="py-1 pl-3">{t.depletedAt ? <Timestamp iso={t.depletedAt} /> : 'lasts'}</td>
              <td className="py-1 pl-3 font-semibold">
                {p?.depletedAt ? <Timestamp iso={p.depletedAt} /> : p ? 'lasts' : '—'}
              </td>
            </tr>
          );
        })}
        <tr>
          <th scope="row" className="py-1 text-left font-medium whitespace-nowrap text-zinc-800">
            No win
          </th>
          <td className="py-1 text-right tabular-nums">{count.format(current.noWin)}</td>
          <td className="py-1 text-right font-semibold tabular-nums">{count.format(proposed.noWin)}</td>
          <td colSpan={2} />
        </tr>
      </tbody>
    </table>
  );
}
