// The draw's own tier picker (lua/pick-tier.lua, pasted into draw-batch-v.lua) run over simulated
// random integers, for the console's simulator. Not a copy of the picker: the same Lua runs,
// with the draw's stock rule, on scratch values in a script that touches no key.
import { randomInt } from 'node:crypto';
import { defineScript, loadLuaScript, type Redis } from '../redis';
import { PROBABILITY_SCALE } from './probability-scale';

const simulateScript = loadLuaScript('lib/draw/lua', 'simulate-picks-0.lua');

/** A tier as the draw reads it from the compiled config (lib/draw/activity-state.ts compileTier). */
export type CompiledTier = {
  id: string;
  p: number;
  prizes: ([string, number] | [string, number, 1])[];
  s?: [number, number, string, string, number][];
};

/** Stock as the draw keeps it: `t:<tierId>` wins left, `p:<prizeId>` units left. */
export type SimulatedStock = Record<string, number>;

/** Per draw: the tier's index (0-based) it won, or null for no win; `outOfStock` marks a pick whose stock was gone. */
export type SimulatedOutcome = { tier: number | null; outOfStock: boolean };

// Each batch is one short script run, so Redis never stalls for a big simulation.
const BATCH = 2_000;

export type PicksToSimulate = {
  tiers: CompiledTier[];
  stock: SimulatedStock;
  /** How many picks, or the random integers to pick with. */
  draws: number | number[];
  /** The activity-local hour and day: applies time segments; without it every tier has its own odds. */
  at?: { hour: number; day: string };
  /** Instead of `at`, the hour and day of each run of consecutive picks, in order, covering them all. */
  runs?: LocalHourRun[];
};

/** `count` consecutive picks made at one activity-local hour and day. */
export type LocalHourRun = { hour: number; day: string; count: number };

/**
 * Runs the picks through the draw's picker, in order, depleting `stock` as the draw would.
 * Returns the outcomes and the stock left. (Even pacing depends on when each draw happens and
 * is not simulated here.)
 */
export async function simulatePicks(
  redis: Redis,
  { tiers, stock, draws, at = { hour: -1, day: '' }, runs }: PicksToSimulate,
): Promise<{ outcomes: SimulatedOutcome[]; stockLeft: SimulatedStock }> {
  const randoms =
    typeof draws === 'number' ? Array.from({ length: draws }, () => randomInt(0, PROBABILITY_SCALE)) : draws;
  // Per pick, so a batch can start in the middle of a run.
  const when = (runs ?? [{ ...at, count: randoms.length }]).flatMap((r) => Array.from({ length: r.count }, () => r));
  const run = defineScript(redis, simulateScript);
  const tiersJson = JSON.stringify(tiers);
  let left = { ...stock };
  const outcomes: SimulatedOutcome[] = [];
  for (let i = 0; i < randoms.length; i += BATCH) {
    // An empty Lua table encodes as {} for cjson, so an empty stock map round-trips either way.
    const batchRuns = runsOf(when.slice(i, i + BATCH));
    const args = [tiersJson, JSON.stringify(left), JSON.stringify(batchRuns), ...randoms.slice(i, i + BATCH)];
    const [stockJson, batch] = (await run([], args)) as [string, number[]];
    const decoded = JSON.parse(stockJson) as SimulatedStock | [];
    left = Array.isArray(decoded) ? {} : decoded;
    for (const o of batch) outcomes.push({ tier: o > 0 ? o - 1 : null, outOfStock: o < 0 });
  }
  return { outcomes, stockLeft: left };
}

/** Consecutive picks of the same hour and day as one run each: [hour, day, count]. */
function runsOf(picks: { hour: number; day: string }[]): [number, string, number][] {
  const out: [number, string, number][] = [];
  for (const p of picks) {
    const last = out[out.length - 1];
    if (last && last[0] === p.hour && last[1] === p.day) last[2]++;
    else out.push([p.hour, p.day, 1]);
  }
  return out;
}
