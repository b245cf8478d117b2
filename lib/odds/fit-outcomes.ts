// The odds-drift alarm's statistics, pure: do a window's outcomes fit the configured odds?
//
// Stock, pacing, per-user limits and auto-tuning all move probability mass the same way, from a
// tier to "no win" (or, for tuning, between a tier and "no win"), never between two other tiers. So a tier they may have touched is POOLED with "no
// win": the pooled category's probability is 1 − Σ(odds of the free tiers), exact whatever
// the constraints did, and each free tier is tested on its own. Categories expected to hold
// fewer than 5 outcomes are pooled too (Pearson's approximation needs it). Fewer than two
// categories left: nothing to test.
import { chiSquarePValue, goodnessOfFit } from './chi-square';
import { PROBABILITY_SCALE } from '../draw/probability-scale';

/** Below this expected count a category is merged (the usual rule for Pearson's test). */
export const MIN_EXPECTED = 5;

export type TierOdds = { id: string; probabilityMicros: number; pooled: boolean };
export type FitCategory = { tierIds: string[]; pooled: boolean; observed: number; expected: number };
export type Fit = {
  draws: number;
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
  categories: FitCategory[];
};

/** `counts` by tier id, with "no win" under `null`. Returns null when nothing can be tested. */
export function fitOutcomes(tiers: TierOdds[], counts: Map<string | null, number>): Fit | null {
  const draws = [...counts.values()].reduce((a, b) => a + b, 0);
  if (draws === 0) return null;
  const known = new Set(tiers.map((t) => t.id));
  // Outcomes of a tier not in the configuration (deleted? another activity's?) cannot be explained: they count as unexplained wins in the pool.
  const stray = [...counts].reduce((s, [id, n]) => (id !== null && !known.has(id) ? s + n : s), 0);
  const pool: FitCategory = { tierIds: [], pooled: true, observed: (counts.get(null) ?? 0) + stray, expected: 0 };
  let free: { tier: TierOdds; observed: number; expected: number }[] = [];
  for (const t of tiers) {
    const observed = counts.get(t.id) ?? 0;
    const expected = (draws * t.probabilityMicros) / PROBABILITY_SCALE;
    if (t.pooled || expected < MIN_EXPECTED) {
      pool.tierIds.push(t.id);
      pool.observed += observed;
    } else free.push({ tier: t, observed, expected });
  }
  pool.expected = draws - free.reduce((s, f) => s + f.expected, 0);
  let categories: FitCategory[] = free.map((f) => ({
    tierIds: [f.tier.id],
    pooled: false,
    observed: f.observed,
    expected: f.expected,
  }));
  if (pool.expected <= 0 && pool.observed > 0) {
    // The tested tiers' odds sum to 1, yet draws ended elsewhere: impossible under the configuration.
    return {
      draws,
      statistic: Infinity,
      degreesOfFreedom: categories.length,
      pValue: 0,
      categories: [...categories, pool],
    };
  }
  if (pool.expected >= MIN_EXPECTED) categories = [...categories, pool];
  else if (pool.expected > 0) {
    // The odds leave almost nothing to "no win": fold the pool into the least likely free tier.
    free = free.sort((a, b) => a.expected - b.expected);
    const smallest = categories.find((c) => c.tierIds[0] === free[0]?.tier.id);
    if (smallest) {
      smallest.tierIds.push(...pool.tierIds);
      smallest.observed += pool.observed;
      smallest.expected += pool.expected;
      smallest.pooled = true;
    }
  }
  if (categories.length < 2) return null;
  const { statistic, degreesOfFreedom, pValue } = goodnessOfFit(
    categories.map((c) => c.observed),
    categories.map((c) => c.expected / draws),
  );
  return { draws, statistic, degreesOfFreedom, pValue, categories };
}

/** Draws that had the same odds (one time segment's hours): the tiers' odds then and the outcomes. */
export type Stratum = { tiers: TierOdds[]; counts: Map<string | null, number> };

/**
 * Draws made under different odds (time segments) tested together: each stratum is tested
 * against its own odds and the statistics and degrees of freedom are added (a sum of independent
 * chi-square variables is chi-square with the summed degrees of freedom). Strata too small to
 * test on their own are left out.
 */
export function fitStrata(strata: Stratum[]): Fit | null {
  const fits = strata.map((s) => fitOutcomes(s.tiers, s.counts)).filter((f): f is Fit => f !== null);
  if (fits.length <= 1) return fits[0] ?? null;
  const statistic = fits.reduce((sum, f) => sum + f.statistic, 0);
  const degreesOfFreedom = fits.reduce((sum, f) => sum + f.degreesOfFreedom, 0);
  return {
    draws: fits.reduce((sum, f) => sum + f.draws, 0),
    statistic,
    degreesOfFreedom,
    pValue: Number.isFinite(statistic) ? chiSquarePValue(statistic, degreesOfFreedom) : 0,
    categories: fits.flatMap((f) => f.categories),
  };
}
