import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fitOutcomes, fitStrata, type TierOdds } from '@/lib/odds/fit-outcomes';
import { goodnessOfFit } from '@/lib/odds/chi-square';

const tiers = (pooled: boolean[] = [false, false, false]): TierOdds[] =>
  [50_000, 100_000, 200_000].map((probabilityMicros, i) => ({ id: `t${i}`, probabilityMicros, pooled: pooled[i]! }));

/** Outcomes of `n` draws picked against the cumulative odds with `random` integers in [0, 1e6). */
function picks(
  n: number,
  odds: TierOdds[],
  random = () => randomInt(0, 1_000_000),
  stock: Record<string, number> = {},
) {
  const counts = new Map<string | null, number>();
  const left = { ...stock };
  for (let i = 0; i < n; i++) {
    const r = random();
    let cumulative = 0;
    let won: string | null = null;
    for (const t of odds) {
      cumulative += t.probabilityMicros;
      if (r < cumulative) {
        won = t.id;
        break;
      }
    }
    const remaining = won === null ? undefined : left[won];
    if (won !== null && remaining !== undefined) {
      left[won] = remaining - 1;
      if (remaining <= 0) won = null;
    }
    counts.set(won, (counts.get(won) ?? 0) + 1);
  }
  return counts;
}

describe('goodnessOfFit', () => {
  it('gives the statistic, degrees of freedom and p-value of observed counts against probabilities', () => {
    expect(goodnessOfFit([25, 25, 50], [0.25, 0.25, 0.5])).toEqual({ statistic: 0, degreesOfFreedom: 2, pValue: 1 });
    expect(goodnessOfFit([60, 40], [0.5, 0.5]).pValue).toBeCloseTo(0.0455, 3);
  });
});

describe('fitOutcomes (the odds-drift test)', () => {
  it('accepts outcomes of the configured odds and rejects a picker that doubles them', () => {
    expect(fitOutcomes(tiers(), picks(5_000, tiers()))!.pValue).toBeGreaterThan(0.001);
    expect(
      fitOutcomes(
        tiers(),
        picks(5_000, tiers(), () => randomInt(0, 500_000)),
      )!.pValue,
    ).toBeLessThan(0.001);
  });

  it('explains a sold-out tier by pooling it with "no win", where testing it alone would cry drift', () => {
    const counts = picks(5_000, tiers(), undefined, { t2: 100 });
    expect(fitOutcomes(tiers(), counts)!.pValue).toBeLessThan(0.001);
    const fit = fitOutcomes(tiers([false, false, true]), counts)!;
    expect(fit.pValue).toBeGreaterThan(0.001);
    expect(fit.categories.map((c) => c.tierIds)).toEqual([['t0'], ['t1'], ['t2']]);
    expect(fit.categories[2]).toMatchObject({ pooled: true });
    expect(fit.categories[2]!.expected).toBeCloseTo(5_000 * 0.85, 6);
  });

  it('still catches a bias in the tiers that remain tested when one is pooled', () => {
    const biased = picks(5_000, tiers(), () => randomInt(0, 500_000));
    expect(fitOutcomes(tiers([false, false, true]), biased)!.pValue).toBeLessThan(0.001);
  });

  it('pools tiers expected to see fewer than 5 outcomes, and tests nothing when nothing is left', () => {
    const rare: TierOdds[] = [
      { id: 'rare', probabilityMicros: 100, pooled: false },
      { id: 'common', probabilityMicros: 500_000, pooled: false },
    ];
    const fit = fitOutcomes(
      rare,
      new Map<string | null, number>([
        ['rare', 1],
        ['common', 480],
        [null, 519],
      ]),
    )!;
    expect(fit.categories.map((c) => c.tierIds)).toEqual([['common'], ['rare']]);
    expect(fit.degreesOfFreedom).toBe(1);
    expect(fitOutcomes(rare, new Map())).toBeNull();
    expect(
      fitOutcomes(
        [{ id: 'only', probabilityMicros: 100_000, pooled: true }],
        new Map<string | null, number>([[null, 100]]),
      ),
    ).toBeNull();
  });

  it('folds a near-empty "no win" share into the least likely tier instead of dividing by ~0', () => {
    const full: TierOdds[] = [
      { id: 'a', probabilityMicros: 400_000, pooled: false },
      { id: 'b', probabilityMicros: 600_000, pooled: false },
    ];
    const fit = fitOutcomes(
      full,
      new Map<string | null, number>([
        ['a', 400],
        ['b', 600],
      ]),
    )!;
    expect(fit.categories).toHaveLength(2);
    expect(fit.pValue).toBe(1);
    const almostFull: TierOdds[] = [
      { id: 'a', probabilityMicros: 400_000, pooled: false },
      { id: 'b', probabilityMicros: 599_000, pooled: false },
    ];
    const folded = fitOutcomes(
      almostFull,
      new Map<string | null, number>([
        ['a', 400],
        ['b', 599],
        [null, 1],
      ]),
    )!;
    expect(folded.categories.map((c) => c.tierIds)).toEqual([['a'], ['b']]);
    expect(folded.categories[0]).toMatchObject({ observed: 401, pooled: true });
    // A "no win" that the odds cannot produce is a drift.
    expect(
      fitOutcomes(
        full,
        new Map<string | null, number>([
          ['a', 300],
          ['b', 600],
          [null, 100],
        ]),
      )!.pValue,
    ).toBeLessThan(0.001);
  });
});

describe('fitStrata (draws under different odds: time segments)', () => {
  const at = (micros: number[]): TierOdds[] =>
    micros.map((m, i) => ({ id: `t${i}`, probabilityMicros: m, pooled: false }));
  const day = at([50_000, 100_000]);
  const night = at([300_000, 400_000]);

  it('accepts each hour against its own odds and rejects the same outcomes read against one set of odds', () => {
    const strata = [
      { tiers: day, counts: picks(3_000, day) },
      { tiers: night, counts: picks(3_000, night) },
    ];
    const fit = fitStrata(strata)!;
    expect(fit.draws).toBe(6_000);
    expect(fit.degreesOfFreedom).toBe(4);
    expect(fit.pValue).toBeGreaterThan(0.001);
    // The night's outcomes judged by the day's odds: the drift a segment-blind alarm would report.
    expect(fitStrata(strata.map((s) => ({ ...s, tiers: day })))!.pValue).toBeLessThan(0.001);
  });

  it('leaves out a stratum too small to test and answers null when none can be tested', () => {
    const big = { tiers: day, counts: picks(3_000, day) };
    const tiny = { tiers: night, counts: new Map<string | null, number>([[null, 2]]) };
    expect(fitStrata([big, tiny])).toEqual(fitOutcomes(day, big.counts));
    expect(fitStrata([tiny])).toBeNull();
  });
});
