'use client';

// Tiers of a draft: name, odds (percent), tier stock, pacing, auto-tune bounds, the prizes it
// awards (one, or a bundle of several, each with a quantity) and its odds by hour and date. The
// odds bar on top sums them with "no win"; the grids mark hours where all tiers pass 100 %.
import { useMemo } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';
import { Field, Section, inputClasses } from './fields';
import { msg } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';
import { newKey, newTier, percentToProbability, type TierForm } from './form-model';
import { SegmentGrid } from './editor/segment-grid';
import { EVERY_DAY, HOURS, oddsInForce, toGrid } from './editor/segment-grid-model';
import { OddsBar } from './odds-bar';
import { TierDot } from './tier-dot';

export type PrizeOption = { id: string; name: string; kind: string; value: number; available: number };

const pacingHints = {
  none: msg('Wins go out as they are drawn: the stock may run out early in the period.'),
  even: msg('Even release: by any moment at most stock × elapsed ÷ period is won, so wins last the whole period.'),
} as const;

export function TierEditor({
  tiers,
  prizes,
  errors,
  days,
  onChange,
}: {
  tiers: TierForm[];
  prizes: PrizeOption[];
  errors: Record<string, string>;
  /** The local dates of the period, rows of the time-segment grids (none for a long period). */
  days: string[];
  onChange: (tiers: TierForm[]) => void;
}) {
  const t = useT();
  const grids = useMemo(() => tiers.map((tier) => toGrid(tier.segments, days)), [tiers, days]);
  const odds = tiers.map((tier) =>
    tier.oddsPercent.trim() === '' ? NaN : percentToProbability(Number(tier.oddsPercent)),
  );
  const overLimit = useMemo(() => {
    const over = new Set<string>();
    for (const row of [EVERY_DAY, ...days])
      for (const h of HOURS) {
        const micros = grids.reduce((sum, g, i) => sum + Math.round(oddsInForce(g, row, h, odds[i]!) * 1e6), 0);
        if (micros > 1_000_000) over.add(`${row}|${h}`);
      }
    return over;
    // `odds` is derived from `tiers`, which the grids already follow.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [grids, days]);
  const segmentOddsError = /^With time segments/.test(errors.tiers ?? '') ? errors.tiers : undefined;
  const update = (i: number, patch: Partial<TierForm>) =>
    onChange(tiers.map((tier, j) => (j === i ? { ...tier, ...patch } : tier)));
  const move = (i: number, by: number) => {
    const next = [...tiers];
    const [moved] = next.splice(i, 1);
    next.splice(i + by, 0, moved!);
    onChange(next);
  };
  const addTier = () => onChange([...tiers, newTier(tiers.length + 1)]);

  return (
    <Section
      title={t('Tiers and odds')}
      description={t('Each tier has its odds and its own stock of wins. What the odds leave is “no win”.')}
      actions={
        <button type="button" className={buttonClasses('secondary', 'sm')} onClick={addTier}>
          {t('Add tier')}
        </button>
      }
    >
      <OddsBar tiers={tiers.map((tier) => ({ name: tier.name, probability: Number(tier.oddsPercent) / 100 }))} />
      {/* An odds sum over 100 % is already said by the bar; other tier-wide errors are not. */}
      {errors.tiers && !/^Odds add up/.test(errors.tiers) && !(segmentOddsError && overLimit.size) ? (
        <p className="text-sm text-red-700" data-testid="field-error">
          {errors.tiers}
        </p>
      ) : null}
      {errors['tiers.prizes.prizeId'] ? (
        <p className="text-sm text-red-700" data-testid="field-error">
          {t('A prize no longer exists; choose another.')}
        </p>
      ) : null}
      {tiers.length === 0 ? (
        <div className="rounded-lg border border-dashed border-zinc-300 bg-zinc-50/60 px-4 py-6 text-center text-sm text-zinc-600">
          {t('No tiers yet. Add one for each prize level (first prize, second prize, …).')}
          {prizes.length === 0 ? (
            <p className="mt-1">{t('You have no prizes yet: add them on the Prizes page first.')}</p>
          ) : null}
        </div>
      ) : null}
      {tiers.map((tier, i) => {
        const err = (f: string) => errors[`tiers.${i}.${f}`];
        const bundle = tier.prizes.filter((p) => p.prizeId).length > 1;
        return (
          <fieldset key={tier.key} className="@container rounded-lg border border-zinc-200" data-testid="tier">
            <legend className="sr-only">{t('Tier {n}: {name}', { n: i + 1, name: tier.name })}</legend>
            <div className="flex items-center justify-between gap-3 border-b border-zinc-100 bg-zinc-50/70 px-4 py-2 text-sm">
              <span className="flex items-center gap-2 font-medium text-zinc-800">
                <TierDot index={i} />
                {t('Tier {n}', { n: i + 1 })}
                {bundle ? (
                  <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-600/25 ring-inset">
                    {t('Bundle')}
                  </span>
                ) : null}
              </span>
              <span className="flex items-center gap-1">
                <button
                  type="button"
                  className={buttonClasses('ghost', 'sm')}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={t('Move tier {n} up', { n: i + 1 })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className={buttonClasses('ghost', 'sm')}
                  disabled={i === tiers.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('Move tier {n} down', { n: i + 1 })}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className={buttonClasses('danger-ghost', 'sm')}
                  onClick={() => onChange(tiers.filter((_, j) => j !== i))}
                  aria-label={t('Remove tier {n}', { n: i + 1 })}
                >
                  {t('Remove')}
                </button>
              </span>
            </div>
            <div className="space-y-4 p-4">
              <div className="grid grid-cols-2 gap-4 @2xl:grid-cols-[minmax(0,1fr)_110px_110px_200px]">
                <Field label={t('Tier name')} error={err('name')}>
                  {(p) => (
                    <input
                      {...p}
                      className={inputClasses}
                      value={tier.name}
                      onChange={(e) => update(i, { name: e.target.value })}
                      maxLength={60}
                    />
                  )}
                </Field>
                <Field label={t('Odds (%)')} error={err('probability')}>
                  {(p) => (
                    <input
                      {...p}
                      inputMode="decimal"
                      className={`${inputClasses} tabular-nums`}
                      value={tier.oddsPercent}
                      onChange={(e) => update(i, { oddsPercent: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('Stock (wins)')} error={err('stock')}>
                  {(p) => (
                    <input
                      {...p}
                      inputMode="numeric"
                      className={`${inputClasses} tabular-nums`}
                      value={tier.stock}
                      onChange={(e) => update(i, { stock: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('Pacing')} error={err('pacing')}>
                  {(p) => (
                    <select
                      {...p}
                      className={inputClasses}
                      value={tier.pacing}
                      onChange={(e) => update(i, { pacing: e.target.value as TierForm['pacing'] })}
                    >
                      <option value="none">{t('As drawn')}</option>
                      <option value="even">{t('Even over the period')}</option>
                    </select>
                  )}
                </Field>
              </div>
              <p className="-mt-2 text-xs text-zinc-600" data-testid="pacing-hint">
                {t(pacingHints[tier.pacing])}
              </p>
              <fieldset className="space-y-3">
                <legend className="sr-only">{t('Auto-tune of tier {n}', { n: i + 1 })}</legend>
                <label className="flex items-center gap-2 text-sm text-zinc-800">
                  <input
                    type="checkbox"
                    className="accent-indigo-600"
                    checked={tier.autoTune.on}
                    onChange={(e) =>
                      update(i, {
                        autoTune: {
                          on: e.target.checked,
                          minPercent: tier.autoTune.minPercent || tier.oddsPercent,
                          maxPercent: tier.autoTune.maxPercent || tier.oddsPercent,
                        },
                      })
                    }
                  />
                  {t('Auto-tune the odds towards an even release of the stock')}
                </label>
                {tier.autoTune.on ? (
                  <div className="grid grid-cols-2 gap-4 pl-6 @2xl:grid-cols-[160px_160px_minmax(0,1fr)]">
                    <Field label={t('Lowest odds (%)')} error={err('autoTune.minProbability') ?? err('autoTune')}>
                      {(p) => (
                        <input
                          {...p}
                          inputMode="decimal"
                          className={`${inputClasses} tabular-nums`}
                          value={tier.autoTune.minPercent}
                          onChange={(e) => update(i, { autoTune: { ...tier.autoTune, minPercent: e.target.value } })}
                        />
                      )}
                    </Field>
                    <Field label={t('Highest odds (%)')} error={err('autoTune.maxProbability')}>
                      {(p) => (
                        <input
                          {...p}
                          inputMode="decimal"
                          className={`${inputClasses} tabular-nums`}
                          value={tier.autoTune.maxPercent}
                          onChange={(e) => update(i, { autoTune: { ...tier.autoTune, maxPercent: e.target.value } })}
                        />
                      )}
                    </Field>
                    <p className="col-span-2 self-center text-xs text-zinc-600 @2xl:col-span-1">
                      {t(
                        'A worker compares wins with an even release and moves the odds within these bounds; every move is audited.',
                      )}
                    </p>
                  </div>
                ) : null}
              </fieldset>
              <div>
                <p className="text-sm font-medium text-zinc-800">{t('Prizes awarded together')}</p>
                {err('prizes') ? (
                  <p className="mt-1 text-sm text-red-700" data-testid="field-error">
                    {err('prizes')}
                  </p>
                ) : null}
                <ul className="mt-2 space-y-2">
                  {tier.prizes.map((p, k) => {
                    const chosen = prizes.find((o) => o.id === p.prizeId);
                    const setPrize = (patch: Partial<typeof p>) =>
                      update(i, { prizes: tier.prizes.map((q, m) => (m === k ? { ...q, ...patch } : q)) });
                    return (
                      <li key={p.key} className="grid grid-cols-[minmax(0,1fr)_100px_auto] items-start gap-3">
                        <Field
                          label={<span className="sr-only">{t('Prize {k} of tier {n}', { k: k + 1, n: i + 1 })}</span>}
                          error={err(`prizes.${k}.prizeId`)}
                          hint={
                            chosen
                              ? t('{kind} · {value} each · {available} available', {
                                  kind: chosen.kind,
                                  value: t.number(chosen.value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
                                  available: chosen.available,
                                })
                              : undefined
                          }
                        >
                          {(a) => (
                            <select
                              {...a}
                              className={inputClasses}
                              value={p.prizeId}
                              onChange={(e) => setPrize({ prizeId: e.target.value })}
                            >
                              <option value="">{t('Choose a prize…')}</option>
                              {prizes.map((o) => (
                                <option key={o.id} value={o.id}>
                                  {o.name}
                                </option>
                              ))}
                            </select>
                          )}
                        </Field>
                        <Field
                          label={
                            <span className="sr-only">
                              {t('Quantity of prize {k} of tier {n}', { k: k + 1, n: i + 1 })}
                            </span>
                          }
                          error={err(`prizes.${k}.quantity`)}
                        >
                          {(a) => (
                            <div className="flex items-center gap-1.5">
                              <span aria-hidden className="text-sm text-zinc-500">
                                ×
                              </span>
                              <input
                                {...a}
                                inputMode="numeric"
                                className={`${inputClasses} tabular-nums`}
                                value={p.quantity}
                                onChange={(e) => setPrize({ quantity: e.target.value })}
                              />
                            </div>
                          )}
                        </Field>
                        <button
                          type="button"
                          className={buttonClasses('ghost', 'sm')}
                          onClick={() => update(i, { prizes: tier.prizes.filter((_, m) => m !== k) })}
                          aria-label={t('Remove prize {k} of tier {n}', { k: k + 1, n: i + 1 })}
                        >
                          {t('Remove')}
                        </button>
                      </li>
                    );
                  })}
                </ul>
                <button
                  type="button"
                  className={`${buttonClasses('ghost', 'sm')} mt-2 text-indigo-700`}
                  onClick={() => update(i, { prizes: [...tier.prizes, { key: newKey(), prizeId: '', quantity: '1' }] })}
                >
                  + {t('Add a prize to this tier')}
                </button>
              </div>
              <details className="group rounded-md border border-zinc-200" open={tier.segments.length > 0}>
                <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-zinc-800 marker:text-zinc-500">
                  {t('Time segments')}{' '}
                  <span className="font-normal text-zinc-600">
                    ·{' '}
                    {tier.segments.length
                      ? t.plural(
                          tier.segments.length,
                          '{count} window with their own odds',
                          '{count} windows with their own odds',
                        )
                      : t('the same odds at every hour')}
                  </span>
                </summary>
                <div className="border-t border-zinc-200 p-3">
                  <SegmentGrid
                    tierIndex={i}
                    tierProbability={odds[i]!}
                    grid={grids[i]!}
                    days={days}
                    overLimit={overLimit}
                    errors={Object.entries(errors)
                      .filter(([path]) => path.startsWith(`tiers.${i}.segments`))
                      .map(([, m]) => m)}
                    oddsMessage={segmentOddsError}
                    onChange={(segments) => update(i, { segments })}
                  />
                </div>
              </details>
            </div>
          </fieldset>
        );
      })}
    </Section>
  );
}
