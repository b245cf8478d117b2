// The console's simulator: N draws spread over the activity's period by an
// assumed traffic curve, each run through the draw's own tier picker, even pacing and stock rule
// (lib/draw/simulate-picks.ts: the same Lua as the draw, not a copy). From the outcomes:
// wins per tier per hour, when each tier runs dry, and what the prizes cost.
//
// The draws are anonymous (each by a different user), or those of a population: `users` users
// making `drawsPerUser` draws each, taking turns through the period, so the activity's per-user
// limits apply as the draw applies them (max draws per local day and in total refuse a draw; max
// wins per user turns a winning pick into no win). What it does not model is listed in the result.
import { z } from 'zod';
import { randomInt } from 'node:crypto';
import { db } from '../db';
import { requestRedis } from '../redis';
import { compileTier } from '../draw/activity-state';
import {
  simulatePicks,
  type CompiledTier,
  type LocalHourRun,
  type PickContext,
  type SimulatedOutcome,
  type SimulatedStock,
} from '../draw/simulate-picks';
import type { Redis } from '../redis';
import type { ActivityRow } from './activity-dto';
import { getActivityRowOrThrow } from './get-activity';
import { PROBABILITY_SCALE } from '../draw/probability-scale';

export const TRAFFIC_SHAPES = ['flat', 'evening', 'launch'] as const;
export type TrafficShape = (typeof TRAFFIC_SHAPES)[number];

/** The most draws one simulation runs. */
export const MAX_SIMULATED_DRAWS = 200_000;

/** Either `draws` (anonymous draws), or `users` × `drawsPerUser` (a population, with per-user limits). */
export const SimulationInput = z
  .strictObject({
    draws: z.number().int().min(1).max(MAX_SIMULATED_DRAWS).optional(),
    users: z.number().int().min(1).max(MAX_SIMULATED_DRAWS).optional(),
    drawsPerUser: z.number().int().min(1).max(MAX_SIMULATED_DRAWS).optional(),
    shape: z.enum(TRAFFIC_SHAPES),
  })
  .superRefine((v, ctx) => {
    const population = v.users !== undefined || v.drawsPerUser !== undefined;
    if (population && v.draws !== undefined)
      ctx.addIssue({ code: 'custom', path: ['draws'], message: 'give draws, or users and draws per user, not both' });
    else if (!population && v.draws === undefined)
      ctx.addIssue({ code: 'custom', path: ['draws'], message: 'required (or users and draws per user)' });
    else if (population && v.users === undefined)
      ctx.addIssue({ code: 'custom', path: ['users'], message: 'required' });
    else if (population && v.drawsPerUser === undefined)
      ctx.addIssue({ code: 'custom', path: ['drawsPerUser'], message: 'required' });
    else if (population && v.users! * v.drawsPerUser! > MAX_SIMULATED_DRAWS)
      ctx.addIssue({
        code: 'custom',
        path: ['drawsPerUser'],
        message: `users × draws per user must be at most ${MAX_SIMULATED_DRAWS.toLocaleString('en-US')}`,
      });
  });
export type SimulationInput = z.infer<typeof SimulationInput>;

const HOUR_MS = 3_600_000;
/** Hourly buckets are kept per hour up to this many; longer periods are grouped into wider buckets. */
const MAX_BUCKETS = 168;
/** Relative traffic by local hour of day for the "evening" shape: quiet nights, a peak at 8–9 pm. */
const EVENING_BY_HOUR = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 0.9, 1, 1, 1.1, 1.3, 1.1, 1, 1, 1.1, 1.3, 1.8, 2.6, 3, 2.6, 1.6, 0.7,
];
/** The "launch" shape: nine times the base traffic at launch, halving about every eight hours. */
const LAUNCH_BOOST = 8;
const LAUNCH_DECAY_HOURS = 12;

export type TierSimulation = {
  id: string;
  name: string;
  probability: number;
  stock: number;
  /** What the odds alone promise, capped by the tier's stock. */
  expectedWins: number;
  wins: number;
  /** Wins per bucket (see `bucketHours`), in order. */
  winsByBucket: number[];
  /** The most wins in any one hour. */
  peakWinsPerHour: number;
  /** When the tier could no longer be won (its stock or a bundle prize gone); null = lasted. */
  depletedAt: string | null;
  depletedAfterHours: number | null;
  /** Prize value of one win (Σ prize value × quantity), minor units. */
  unitCostMinor: number;
  costMinor: number;
};

/** What the simulator leaves out, said with every result. */
export const NOT_MODELLED = [
  'Risk rules (blocked, rate-limited, forced-lose and held draws).',
  'Tasks and events granting chances: every draw tried is assumed to have a chance to spend, so free draws per day do not cap it.',
  'Auto-tuning of odds, scheduled changes, restocks, and stock returned by voided or expired wins.',
  'Fixed winners drawn at the end.',
  'Chance arrivals: draws are evenly spaced within each hour, and the users of a population take turns.',
] as const;
const NOT_MODELLED_WITHOUT_USERS =
  'Per-user limits (max draws per day, max draws in total, max wins per user): each draw is by a different user. Simulate a population of users to apply them.';

export type PopulationResult = {
  users: number;
  drawsPerUser: number;
  limits: { maxDrawsPerDay: number | null; maxDrawsTotal: number | null; maxWinsPerUser: number | null };
  /** Draws tried beyond a user's max draws per (local) day, or in total: refused, as the draw refuses them. */
  refusedByDailyLimit: number;
  refusedByTotalLimit: number;
  /** Winning picks by users who had reached max wins per user: no win, as in the draw. */
  heldByWinLimit: number;
  /** Users with at least one win. */
  winners: number;
};

export type Simulation = {
  /** Draws made (tried, less those refused by per-user limits). */
  draws: number;
  attempted: number;
  population: PopulationResult | null;
  /** Winning picks of an evenly paced tier above its release line: no win, as in the draw. */
  heldByPacing: number;
  notModelled: string[];
  shape: TrafficShape;
  from: string;
  to: string;
  bucketHours: number;
  drawsByBucket: number[];
  tiers: TierSimulation[];
  noWin: number;
  /** Draws that picked a tier whose stock was gone (they lose, as in the draw). */
  outOfStock: number;
  totalCostMinor: number;
};

export async function simulateActivity(
  tenantId: string,
  activityId: string,
  input: SimulationInput,
  {
    random = () => randomInt(0, PROBABILITY_SCALE),
    now = Date.now(),
    override,
  }: {
    random?: () => number;
    now?: number;
    /** A configuration other than the one stored (a proposed change's), made from the stored one. */
    override?: (a: ActivityRow) => ActivityRow;
  } = {},
): Promise<Simulation> {
  const stored = await getActivityRowOrThrow(tenantId, activityId);
  const a = override ? override(stored) : stored;
  const fromMs =
    a.status === 'DRAFT'
      ? a.startsAt.getTime()
      : Math.max(a.startsAt.getTime(), Math.min(now, a.endsAt.getTime() - 60_000));
  const toMs = a.endsAt.getTime();

  // Compiled exactly as publishing compiles them for the draw (time segments and pacing included).
  const tiers: CompiledTier[] = a.tiers.map(compileTier);
  const stock = startingStock(a);
  const period: Period = { fromMs, toMs, timeZone: a.timezone };
  const users = input.users ?? null;
  const attempted = users === null ? input.draws! : users * input.drawsPerUser!;
  const tried = drawTimes(spreadOverHours({ draws: attempted, shape: input.shape }, period), fromMs, toMs);
  const limits = {
    maxDrawsPerDay: a.maxDrawsPerDay,
    maxDrawsTotal: a.maxDrawsTotal,
    maxWinsPerUser: a.maxWinsPerUser,
  };
  const made =
    users === null
      ? { times: tried, users: null, refusedDaily: 0, refusedTotal: 0 }
      : takeTurns(tried, users, limits, a.timezone);
  const times = made.times;
  const hours = Math.max(1, Math.ceil((toMs - fromMs) / HOUR_MS));
  const hourly = new Array<number>(hours).fill(0);
  for (const at of times) hourly[Math.min(hours - 1, Math.floor((at - fromMs) / HOUR_MS))]!++;

  const randoms = Array.from({ length: times.length }, random);
  const context: PickContext = {
    pacing: {
      startsAtMs: a.startsAt.getTime(),
      endsAtMs: a.endsAt.getTime(),
      times,
      issued: Object.fromEntries(a.tiers.map((t) => [`t:${t.id}`, t.issued])),
    },
    ...(made.users ? { users: { of: made.users, maxWins: limits.maxWinsPerUser } } : {}),
  };
  const outcomes = await pickAll(await requestRedis(), { tiers, stock, randoms, hourly, period, context });

  const prizeIds = [...new Set(a.tiers.flatMap((t) => t.prizes.map((p) => p.prizeId)))];
  const values = new Map(
    (
      await db.prize.findMany({ where: { tenantId, id: { in: prizeIds } }, select: { id: true, valueMinor: true } })
    ).map((p) => [p.id, p.valueMinor]),
  );

  const bucketHours = Math.max(1, Math.ceil(hours / MAX_BUCKETS));
  const winsByHour = a.tiers.map(() => new Array<number>(hours).fill(0));
  const depletedAtMs: (number | null)[] = a.tiers.map(() => null);
  // Mirror of the stock as the outcomes move it, to see the moment each tier becomes unwinnable.
  const left = { ...stock };
  const markDepleted = (atMs: number) => {
    tiers.forEach((t, i) => {
      if (depletedAtMs[i] === null && !winnable(t, left)) depletedAtMs[i] = atMs;
    });
  };
  markDepleted(fromMs);
  let noWin = 0;
  let outOfStock = 0;
  let heldByPacing = 0;
  let heldByWinLimit = 0;
  const winners = new Set<number>();
  outcomes.forEach((o, n) => {
    const at = times[n]!;
    if (o.tier === null) {
      // The draw's rules make a pick of a dry tier, above its pacing line or by a user at the win
      // cap a loss; those are counted apart too.
      noWin++;
      if (o.outOfStock) outOfStock++;
      if (o.held === 'pacing') heldByPacing++;
      if (o.held === 'win-limit') heldByWinLimit++;
      return;
    }
    if (made.users) winners.add(made.users[n]!);
    const t = tiers[o.tier]!;
    winsByHour[o.tier]![Math.min(hours - 1, Math.floor((at - fromMs) / HOUR_MS))]!++;
    left[`t:${t.id}`] = (left[`t:${t.id}`] ?? 0) - 1;
    for (const [prizeId, quantity] of t.prizes) left[`p:${prizeId}`] = (left[`p:${prizeId}`] ?? 0) - quantity;
    markDepleted(at);
  });

  const result: TierSimulation[] = a.tiers.map((t, i) => {
    const wins = winsByHour[i]!.reduce((s, w) => s + w, 0);
    const unitCostMinor = t.prizes.reduce((s, p) => s + (values.get(p.prizeId) ?? 0) * p.quantity, 0);
    const depleted = depletedAtMs[i] ?? null;
    return {
      id: t.id,
      name: t.name,
      probability: t.probabilityMicros / PROBABILITY_SCALE,
      stock: t.stock,
      expectedWins: Math.min(t.stock - t.issued, Math.round((times.length * t.probabilityMicros) / PROBABILITY_SCALE)),
      wins,
      winsByBucket: group(winsByHour[i]!, bucketHours),
      peakWinsPerHour: Math.max(0, ...winsByHour[i]!),
      depletedAt: depleted === null ? null : new Date(depleted).toISOString(),
      depletedAfterHours: depleted === null ? null : Math.round(((depleted - fromMs) / HOUR_MS) * 10) / 10,
      unitCostMinor,
      costMinor: wins * unitCostMinor,
    };
  });
  return {
    draws: times.length,
    attempted,
    population:
      users === null
        ? null
        : {
            users,
            drawsPerUser: input.drawsPerUser!,
            limits,
            refusedByDailyLimit: made.refusedDaily,
            refusedByTotalLimit: made.refusedTotal,
            heldByWinLimit,
            winners: winners.size,
          },
    heldByPacing,
    notModelled: users === null ? [NOT_MODELLED_WITHOUT_USERS, ...NOT_MODELLED] : [...NOT_MODELLED],
    shape: input.shape,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    bucketHours,
    drawsByBucket: group(hourly, bucketHours),
    tiers: result,
    noWin,
    outOfStock,
    totalCostMinor: result.reduce((s, t) => s + t.costMinor, 0),
  };
}

/** The simulation's period, and the time zone its local hours are counted in. */
type Period = { fromMs: number; toMs: number; timeZone: string };

/** What pickAll picks: the random integers in time order, `hourly[h]` of them in the period's hour h. */
type Picks = {
  tiers: CompiledTier[];
  stock: SimulatedStock;
  randoms: number[];
  hourly: number[];
  period: Period;
  context: PickContext;
};

/**
 * The picks in time order. With time segments each hour runs with its own local hour and day,
 * as the draw would see them; without, one run does (the odds do not depend on the time).
 */
async function pickAll(redis: Redis, picks: Picks): Promise<SimulatedOutcome[]> {
  const {
    tiers,
    stock,
    randoms,
    hourly,
    context,
    period: { fromMs, timeZone },
  } = picks;
  if (!tiers.some((t) => t.s)) return (await simulatePicks(redis, { tiers, stock, draws: randoms, context })).outcomes;
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  // Every hour's local hour and day, all in a few script calls (one per batch), not one per hour.
  const runs: LocalHourRun[] = [];
  for (const [h, count] of hourly.entries()) {
    if (count === 0) continue;
    const parts = Object.fromEntries(local.formatToParts(fromMs + h * HOUR_MS).map((p) => [p.type, p.value]));
    runs.push({ hour: Number(parts.hour) % 24, day: `${parts.year}-${parts.month}-${parts.day}`, count });
  }
  return (await simulatePicks(redis, { tiers, stock, draws: randoms, runs, context })).outcomes;
}

/**
 * A population's draws: the tried instants taken in turn by users 0..users−1, each draw refused
 * when its user has reached max draws per local day or in total (as the draw refuses it).
 */
function takeTurns(
  tried: number[],
  users: number,
  limits: { maxDrawsPerDay: number | null; maxDrawsTotal: number | null },
  timeZone: string,
): { times: number[]; users: number[]; refusedDaily: number; refusedTotal: number } {
  const dayOf = localDayOf(timeZone);
  const total = new Array<number>(users).fill(0);
  const today = new Map<string, number>();
  const out = { times: [] as number[], users: [] as number[], refusedDaily: 0, refusedTotal: 0 };
  tried.forEach((at, n) => {
    const user = n % users;
    const key = `${user}:${dayOf(at)}`;
    if (limits.maxDrawsPerDay !== null && (today.get(key) ?? 0) >= limits.maxDrawsPerDay) out.refusedDaily++;
    else if (limits.maxDrawsTotal !== null && total[user]! >= limits.maxDrawsTotal) out.refusedTotal++;
    else {
      today.set(key, (today.get(key) ?? 0) + 1);
      total[user]!++;
      out.times.push(at);
      out.users.push(user);
    }
  });
  return out;
}

/** The local day of an instant; zone offsets are whole quarter hours, so one answer per quarter. */
function localDayOf(timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const byQuarter = new Map<number, string>();
  return (ms) => {
    const quarter = Math.floor(ms / 900_000);
    let day = byQuarter.get(quarter);
    if (day === undefined) byQuarter.set(quarter, (day = format.format(quarter * 900_000)));
    return day;
  };
}

/** Stock as the draw would hold it: a draft's as publishing would reserve it, a published activity's what is left. */
function startingStock(a: Awaited<ReturnType<typeof getActivityRowOrThrow>>): SimulatedStock {
  const stock: SimulatedStock = {};
  for (const t of a.tiers) stock[`t:${t.id}`] = t.stock - t.issued;
  if (a.status === 'DRAFT') {
    for (const t of a.tiers)
      for (const p of t.prizes) stock[`p:${p.prizeId}`] = (stock[`p:${p.prizeId}`] ?? 0) + t.stock * p.quantity;
  } else {
    for (const s of a.stocks) stock[`p:${s.prizeId}`] = s.reserved - s.issued - s.returned;
  }
  return stock;
}

function winnable(t: CompiledTier, left: SimulatedStock): boolean {
  return (
    (left[`t:${t.id}`] ?? 0) >= 1 && t.prizes.every(([prizeId, quantity]) => (left[`p:${prizeId}`] ?? 0) >= quantity)
  );
}

/** Draws per hour of the period, summing exactly to `draws` (largest remainders). */
export function spreadOverHours(
  { draws, shape }: { draws: number; shape: TrafficShape },
  { fromMs, toMs, timeZone }: Period,
): number[] {
  const hours = Math.max(1, Math.ceil((toMs - fromMs) / HOUR_MS));
  const hourOf = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
  const weights = Array.from({ length: hours }, (_, h) => {
    const start = fromMs + h * HOUR_MS;
    const share = Math.min(1, (toMs - start) / HOUR_MS);
    if (shape === 'flat') return share;
    if (shape === 'launch') return share * (1 + LAUNCH_BOOST * Math.exp(-h / LAUNCH_DECAY_HOURS));
    return share * EVENING_BY_HOUR[Number(hourOf.format(start)) % 24]!;
  });
  const total = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (draws * w) / total);
  const counts = exact.map(Math.floor);
  let missing = draws - counts.reduce((s, c) => s + c, 0);
  const byRemainder = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((x, y) => y[0] - x[0]);
  for (const [, i] of byRemainder) {
    if (missing-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

/** Each draw's instant: an hour's draws evenly spaced within it. */
function drawTimes(hourly: number[], fromMs: number, toMs: number): number[] {
  const times: number[] = [];
  hourly.forEach((count, h) => {
    const start = fromMs + h * HOUR_MS;
    const length = Math.min(HOUR_MS, toMs - start);
    for (let j = 0; j < count; j++) times.push(Math.floor(start + ((j + 0.5) / count) * length));
  });
  return times;
}

function group(values: number[], size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size).reduce((s, v) => s + v, 0));
  return out;
}
