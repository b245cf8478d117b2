// The draw's own tier picker (lua/pick-tier.lua, pasted into draw-batch-v.lua) run over simulated
// random integers, for the console's simulator. Not a copy of the picker: the same Lua runs,
// with the draw's rules after a pick (even pacing, the per-user win cap, stock) in the draw's
// order, on scratch values in a script that touches no key.
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
  /** Even pacing: at most st × elapsed ÷ period + b wins by now. */
  pace?: { st: number; b: number };
};

/** Stock as the draw keeps it: `t:<tierId>` wins left, `p:<prizeId>` units left. */
export type SimulatedStock = Record<string, number>;

/**
 * Per draw: the tier's index (0-based) it won, or null for no win; `outOfStock` marks a pick whose
 * stock was gone, `held` a pick that even pacing or the user's win cap turned into no win.
 */
export type SimulatedOutcome = { tier: number | null; outOfStock: boolean; held?: 'pacing' | 'win-limit' };

/** What the rules after a pick need beyond stock. Without it, pacing and win caps do not apply. */
export type PickContext = {
  /** Even pacing: the period, each pick's instant, and each tier's wins before the first pick (`t:<tierId>`). */
  pacing?: { startsAtMs: number; endsAtMs: number; times: number[]; issued: Record<string, number> };
  /** The win cap: each pick's user (an index), the cap per user (null: none). */
  users?: { of: number[]; maxWins: number | null };
};

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
  context?: PickContext;
};

/** `count` consecutive picks made at one activity-local hour and day. */
export type LocalHourRun = { hour: number; day: string; count: number };

/**
 * Runs the picks through the draw's picker, in order, depleting `stock` as the draw would.
 * Returns the outcomes and the stock left. Even pacing and the win cap apply when `context`
 * says when each pick happens and whose it is.
 */
export async function simulatePicks(
  redis: Redis,
  { tiers, stock, draws, at = { hour: -1, day: '' }, runs, context = {} }: PicksToSimulate,
): Promise<{ outcomes: SimulatedOutcome[]; stockLeft: SimulatedStock }> {
  const randoms =
    typeof draws === 'number' ? Array.from({ length: draws }, () => randomInt(0, PROBABILITY_SCALE)) : draws;
  // Per pick, so a batch can start in the middle of a run.
  const when = (runs ?? [{ ...at, count: randoms.length }]).flatMap((r) => Array.from({ length: r.count }, () => r));
  const run = defineScript(redis, simulateScript);
  const tiersJson = JSON.stringify(tiers);
  let left = { ...stock };
  let issued = { ...context.pacing?.issued };
  let wins: Record<string, number> = {};
  const outcomes: SimulatedOutcome[] = [];
  // An empty Lua table encodes as {} or [] for cjson: either reads back as an empty map.
  const map = (json: string) => {
    const decoded = JSON.parse(json) as Record<string, number> | [];
    return Array.isArray(decoded) ? {} : decoded;
  };
  for (let i = 0; i < randoms.length; i += BATCH) {
    const batchRuns = runsOf(when.slice(i, i + BATCH));
    const users = context.users?.of.slice(i, i + BATCH);
    // Keys left out rather than null: cjson's null is truthy in Lua.
    const ctx = {
      issued,
      wins: users ? Object.fromEntries(users.map((u) => [String(u), wins[String(u)] ?? 0])) : {},
      maxWins: context.users?.maxWins ?? -1,
      ...(context.pacing
        ? {
            from: context.pacing.startsAtMs,
            to: context.pacing.endsAtMs,
            at: context.pacing.times.slice(i, i + BATCH),
          }
        : {}),
      ...(users ? { u: users } : {}),
    };
    const args = [
      tiersJson,
      JSON.stringify(left),
      JSON.stringify(batchRuns),
      JSON.stringify(ctx),
      ...randoms.slice(i, i + BATCH),
    ];
    const [stockJson, batch, issuedJson, winsJson] = (await run([], args)) as [string, number[], string, string];
    left = map(stockJson);
    issued = map(issuedJson);
    wins = { ...wins, ...map(winsJson) };
    for (const o of batch) outcomes.push(decodeOutcome(o));
  }
  return { outcomes, stockLeft: left };
}

/** The script's outcome codes (simulate-picks-0.lua). */
function decodeOutcome(o: number): SimulatedOutcome {
  if (o >= 0) return { tier: o > 0 ? o - 1 : null, outOfStock: false };
  if (o <= -2000) return { tier: null, outOfStock: false, held: 'win-limit' };
  if (o <= -1000) return { tier: null, outOfStock: false, held: 'pacing' };
  return { tier: null, outOfStock: true };
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
