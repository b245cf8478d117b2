'use client';

// The simulator panel: N draws over the period (anonymous, or a population of users × draws each,
// meeting the per-user limits) with a chosen traffic shape, run through the draw's own picker,
// pacing and stock rule on the server. Shows wins per tier over time, when each tier runs out,
// what the prizes would cost, what the limits and pacing held back, and what it does not model.
import { useId, useState, useTransition } from 'react';
import type { PopulationResult, Simulation } from '@/lib/activities/simulate-activity';
import type { FormResult } from '@/lib/http/form-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { msg, type Translator } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';
import { Field, inputClasses } from './fields';
import { formatInstant, formatMinor, percent } from './format';
import { tierColor } from './tier-colors';
import { TierName } from './tier-dot';

const shapes = [
  { value: 'flat', label: msg('Flat: the same traffic every hour') },
  { value: 'evening', label: msg('Evening peak: quiet nights, busy 7–10 pm') },
  { value: 'launch', label: msg('Launch spike: a rush at the start that fades') },
] as const;

const populations = [
  { value: 'anonymous', label: msg('Anonymous draws (each by a different user)') },
  { value: 'users', label: msg('A population: users × draws each') },
] as const;

const fieldMessages: Record<string, string> = {
  draws: msg('Enter a whole number of draws from 1 to 200,000.'),
  users: msg('A whole number, 1 to 200,000.'),
  drawsPerUser: msg('A whole number; users × draws at most 200,000.'),
};

// What the server's simulation says it does not model (lib/activities/simulate-activity.ts), shown through `t(...)`.
const notModelledTexts = new Set([
  msg('Risk rules (blocked, rate-limited, forced-lose and held draws).'),
  msg(
    'Tasks and events granting chances: every draw tried is assumed to have a chance to spend, so free draws per day do not cap it.',
  ),
  msg('Auto-tuning of odds, scheduled changes, restocks, and stock returned by voided or expired wins.'),
  msg('Fixed winners drawn at the end.'),
  msg('Chance arrivals: draws are evenly spaced within each hour, and the users of a population take turns.'),
  msg(
    'Per-user limits (max draws per day, max draws in total, max wins per user): each draw is by a different user. Simulate a population of users to apply them.',
  ),
]);

export function Simulator({
  simulate,
  timezone,
  disabledReason,
}: {
  simulate: (input: unknown) => Promise<FormResult<Simulation>>;
  timezone: string;
  disabledReason?: string;
}) {
  const [draws, setDraws] = useState('10000');
  const [population, setPopulation] = useState<(typeof populations)[number]['value']>('anonymous');
  const [users, setUsers] = useState('1000');
  const [drawsPerUser, setDrawsPerUser] = useState('10');
  const [shape, setShape] = useState<(typeof shapes)[number]['value']>('evening');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<Simulation | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const headingId = useId();

  const asNumber = (v: string) => (v.trim() === '' ? null : Number(v));
  function run() {
    setErrors({});
    startTransition(async () => {
      const input =
        population === 'users'
          ? { users: asNumber(users), drawsPerUser: asNumber(drawsPerUser), shape }
          : { draws: asNumber(draws), shape };
      const r = await simulate(input);
      if (r.ok) {
        setResult(r.data);
        toast.success(
          t('Simulation finished'),
          t("{count} draws through the draw's own tier picker.", { count: r.data.draws }),
        );
      } else {
        const fields = Object.fromEntries(
          r.error.issues.filter((i) => i.path in fieldMessages).map((i) => [i.path, t(fieldMessages[i.path]!)]),
        );
        setErrors(Object.keys(fields).length > 0 ? fields : { draws: r.error.message });
        if (Object.keys(fields).length === 0) toast.error(t('Could not simulate'), r.error.message);
      }
    });
  }
  const anyError = Object.keys(errors).length > 0;

  const wins = result ? result.tiers.reduce((s, tier) => s + tier.wins, 0) : 0;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl border border-zinc-200 bg-white shadow-sm shadow-zinc-900/[0.03]"
      data-testid="simulator"
    >
      <div className="border-b border-zinc-200 px-5 py-4">
        <h2 id={headingId} className="text-base font-semibold text-zinc-950">
          {t('Simulator')}
        </h2>
        <p className="mt-0.5 text-sm text-zinc-600">
          {t(
            "Runs simulated draws through the same tier picker, even pacing and stock rule as the real draw (on the activity as last saved), spread over the period by a traffic curve. A population of users also meets the activity's per-user limits.",
          )}
        </p>
      </div>
      <form
        className="flex flex-wrap items-end gap-4 px-5 py-4"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
        noValidate
      >
        <Field label={t('Who draws')} className="w-80">
          {(p) => (
            <select
              {...p}
              className={inputClasses}
              value={population}
              onChange={(e) => setPopulation(e.target.value as typeof population)}
            >
              {populations.map((o) => (
                <option key={o.value} value={o.value}>
                  {t(o.label)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {population === 'anonymous' ? (
          <Field label={t('Draws over the period')} error={errors.draws} className="w-52">
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                className={`${inputClasses} tabular-nums`}
                value={draws}
                onChange={(e) => setDraws(e.target.value)}
              />
            )}
          </Field>
        ) : (
          <>
            <Field label={t.ctx('a number of', 'Users')} error={errors.users} className="w-48">
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  className={`${inputClasses} tabular-nums`}
                  value={users}
                  onChange={(e) => setUsers(e.target.value)}
                />
              )}
            </Field>
            <Field label={t('Draws per user')} error={errors.drawsPerUser} className="w-48">
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  className={`${inputClasses} tabular-nums`}
                  value={drawsPerUser}
                  onChange={(e) => setDrawsPerUser(e.target.value)}
                />
              )}
            </Field>
          </>
        )}
        <Field label={t('Traffic shape')} className="w-96">
          {(p) => (
            <select
              {...p}
              className={inputClasses}
              value={shape}
              onChange={(e) => setShape(e.target.value as typeof shape)}
            >
              {shapes.map((s) => (
                <option key={s.value} value={s.value}>
                  {t(s.label)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button
          type="submit"
          className={`${buttonClasses('primary')} ${anyError ? 'mb-7' : ''}`}
          disabled={pending || Boolean(disabledReason)}
          aria-busy={pending}
        >
          {pending ? <Spinner /> : null}
          {pending ? t('Simulating…') : t('Run simulation')}
        </button>
        {disabledReason ? <p className="pb-2 text-sm text-zinc-600">{disabledReason}</p> : null}
      </form>

      {result ? (
        <div className="space-y-5 border-t border-zinc-200 px-5 py-5" data-testid="simulation-result">
          <dl className="grid grid-cols-6 gap-3">
            <Stat label={t('Draws')} value={t.number(result.draws)} testId="sim-draws" />
            <Stat label={t('Wins')} value={t.number(wins)} testId="sim-wins" />
            <Stat label={t('No win')} value={t.number(result.noWin)} />
            <Stat label={t('Lost to empty stock')} value={t.number(result.outOfStock)} />
            <Stat label={t('Held by pacing')} value={t.number(result.heldByPacing)} testId="sim-held-pacing" />
            <Stat
              label={t('Expected prize cost')}
              value={formatMinor(result.totalCostMinor, t.locale)}
              testId="sim-cost"
            />
          </dl>
          {result.population ? <PopulationStats population={result.population} attempted={result.attempted} /> : null}
          <WinsChart result={result} timezone={timezone} />
          <Table label={t('Simulated tiers')}>
            <thead>
              <tr>
                <Th>{t('Tier')}</Th>
                <Th className="text-right">{t('Odds')}</Th>
                <Th className="text-right">{t('Stock')}</Th>
                <Th className="text-right">{t('By the odds')}</Th>
                <Th className="text-right">{t('Simulated wins')}</Th>
                <Th className="text-right">{t('Peak / hour')}</Th>
                <Th>{t('Stock runs out')}</Th>
                <Th className="text-right">{t('Prize cost')}</Th>
              </tr>
            </thead>
            <tbody>
              {result.tiers.map((tier, i) => (
                <Tr key={tier.id}>
                  <Td>
                    <TierName index={i} name={tier.name} />
                  </Td>
                  <Td className="text-right tabular-nums">{percent(tier.probability)}</Td>
                  <Td className="text-right tabular-nums">{t.number(tier.stock)}</Td>
                  <Td className="text-right tabular-nums text-zinc-600">{t.number(tier.expectedWins)}</Td>
                  <Td className="text-right font-medium tabular-nums">{t.number(tier.wins)}</Td>
                  <Td className="text-right tabular-nums">{t.number(tier.peakWinsPerHour)}</Td>
                  <Td data-testid="sim-depletion">
                    {tier.depletedAt ? (
                      <span className="text-amber-800">
                        {formatInstant(tier.depletedAt, timezone, t.locale)}{' '}
                        <span className="text-zinc-500">
                          ({t('{hours} h in', { hours: String(tier.depletedAfterHours) })})
                        </span>
                      </span>
                    ) : (
                      <span className="text-zinc-600">{t('Lasts the period')}</span>
                    )}
                  </Td>
                  <Td className="text-right tabular-nums">{formatMinor(tier.costMinor, t.locale)}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
          <div className="rounded-lg border border-zinc-200 bg-zinc-50/60 px-4 py-3" data-testid="sim-not-modelled">
            <h3 className="text-sm font-medium text-zinc-900">{t('What this simulation does not model')}</h3>
            <ul className="mt-1.5 list-disc space-y-0.5 pl-5 text-sm text-zinc-700">
              {result.notModelled.map((line) => (
                <li key={line}>{notModelledTexts.has(line) ? t(line) : line}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : (
        <p className="border-t border-zinc-200 px-5 py-6 text-sm text-zinc-600">
          {t('No simulation yet. Choose the draws you expect and a traffic shape, then run it.')}
        </p>
      )}
    </section>
  );
}

function PopulationStats({ population: p, attempted }: { population: PopulationResult; attempted: number }) {
  const t = useT();
  const limit = (n: number | null) => (n === null ? t('no limit') : t.number(n));
  return (
    <div className="rounded-lg border border-zinc-200 px-4 py-3" data-testid="sim-population">
      <p className="text-sm text-zinc-700">
        {t('{users} users × {draws} draws each = {attempted} tried.', {
          users: p.users,
          draws: p.drawsPerUser,
          attempted,
        })}{' '}
        {t('Limits per user: max draws per day {perDay}, max draws in total {total}, max wins {wins}.', {
          perDay: limit(p.limits.maxDrawsPerDay),
          total: limit(p.limits.maxDrawsTotal),
          wins: limit(p.limits.maxWinsPerUser),
        })}
      </p>
      <dl className="mt-3 grid grid-cols-4 gap-3">
        <Stat label={t('Refused: max draws per day')} value={t.number(p.refusedByDailyLimit)} />
        <Stat label={t('Refused: max draws in total')} value={t.number(p.refusedByTotalLimit)} />
        <Stat label={t('No win: max wins per user')} value={t.number(p.heldByWinLimit)} testId="sim-held-limit" />
        <Stat label={t('Users who won')} value={t.number(p.winners)} testId="sim-winners" />
      </dl>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-zinc-50/60 px-3 py-2.5">
      <dt className="text-xs text-zinc-600">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums text-zinc-950" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** Stacked bars of wins per tier per bucket (an hour, or several for long periods). */
function WinsChart({ result, timezone }: { result: Simulation; timezone: string }) {
  const t = useT();
  const buckets = result.drawsByBucket.length;
  const totals = Array.from({ length: buckets }, (_, b) =>
    result.tiers.reduce((s, tier) => s + (tier.winsByBucket[b] ?? 0), 0),
  );
  const max = Math.max(1, ...totals);
  const width = 1000;
  const height = 160;
  const barWidth = width / buckets;
  const from = Date.parse(result.from);
  const tickEvery = Math.max(1, Math.ceil(buckets / 8));
  const texts = chartTexts(t, result.bucketHours, max);
  return (
    <figure>
      <figcaption className="text-sm font-medium text-zinc-800">
        {texts.caption} <span className="font-normal text-zinc-500">({texts.most})</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height + 20}`}
        className="mt-2 h-48 w-full"
        role="img"
        aria-label={texts.label}
        preserveAspectRatio="none"
      >
        <line x1="0" x2={width} y1={height} y2={height} stroke="#e4e4e7" />
        {totals.map((_, b) => {
          let y = height;
          return (
            <g key={b}>
              {result.tiers.map((tier, i) => {
                const h = ((tier.winsByBucket[b] ?? 0) / max) * (height - 4);
                y -= h;
                return h > 0 ? (
                  <rect
                    key={tier.id}
                    x={b * barWidth + barWidth * 0.1}
                    width={barWidth * 0.8}
                    y={y}
                    height={h}
                    fill={tierColor(i)}
                  />
                ) : null;
              })}
            </g>
          );
        })}
      </svg>
      <div className="mt-1 flex justify-between text-[11px] text-zinc-500" aria-hidden>
        {Array.from({ length: Math.ceil(buckets / tickEvery) }, (_, k) => (
          <span key={k}>
            {formatInstant(
              new Date(from + k * tickEvery * result.bucketHours * 3_600_000).toISOString(),
              timezone,
              t.locale,
            )}
          </span>
        ))}
      </div>
    </figure>
  );
}

/** The chart's caption, its peak note and its label, per an hour or per several hours a bar. */
function chartTexts(t: Translator, bucketHours: number, max: number) {
  return bucketHours === 1
    ? {
        caption: t('Wins per hour, by tier'),
        most: t('most in one hour: {max}', { max }),
        label: t('Simulated wins per hour, by tier'),
      }
    : {
        caption: t('Wins per {hours} hours, by tier', { hours: bucketHours }),
        most: t('most in one {hours} hours: {max}', { hours: bucketHours, max }),
        label: t('Simulated wins per {hours} hours, by tier', { hours: bucketHours }),
      };
}
