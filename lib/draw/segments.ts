// Time segments: a tier's odds per window of the activity's local time, an
// hour-of-day range (from inclusive, to exclusive; 22 → 2 wraps past midnight) optionally
// limited to a date range (inclusive, YYYY-MM-DD in the activity's zone). The first segment
// that matches gives the odds; none matching, the tier's own probability. The draw applies
// them in Lua (lib/draw/lua/pick-tier.lua) from the local hour and day Node passes it.
import { localClock } from './local-day';

export type Segment = {
  fromHour: number;
  toHour: number;
  fromDate?: string | undefined;
  toDate?: string | undefined;
  probabilityMicros: number;
};
type TierOdds = { probabilityMicros: number; segments: Segment[] };

export function segmentMatches(s: Segment, hour: number, day: string): boolean {
  const inHours =
    s.fromHour <= s.toHour ? hour >= s.fromHour && hour < s.toHour : hour >= s.fromHour || hour < s.toHour;
  return inHours && (!s.fromDate || day >= s.fromDate) && (!s.toDate || day <= s.toDate);
}

/** The odds in force at a local hour and day (the TypeScript twin is only for checks and display). */
export function oddsAt(tier: TierOdds, hour: number, day: string): number {
  return tier.segments.find((s) => segmentMatches(s, hour, day))?.probabilityMicros ?? tier.probabilityMicros;
}

/**
 * The largest total of all tiers' odds at any local time: every hour of the day against every
 * date where some segment's date range begins or ends (and a date outside all of them).
 */
export function maxOddsSum(tiers: TierOdds[]): { micros: number; hour: number; day: string } {
  const days = new Set<string>(['0000-01-01']);
  for (const s of tiers.flatMap((t) => t.segments)) {
    if (s.fromDate) days.add(s.fromDate).add(dayBefore(s.fromDate));
    if (s.toDate) days.add(s.toDate).add(dayAfter(s.toDate));
  }
  let worst = { micros: -1, hour: 0, day: '' };
  for (const day of days) {
    for (let hour = 0; hour < 24; hour++) {
      const micros = tiers.reduce((sum, t) => sum + oddsAt(t, hour, day), 0);
      if (micros > worst.micros) worst = { micros, hour, day };
    }
  }
  return worst;
}

const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);

/** The compiled form the draw reads: [fromHour, toHour, fromDate|'', toDate|'', micros]. */
export function compileSegments(segments: Segment[]): [number, number, string, string, number][] {
  return segments.map((s) => [s.fromHour, s.toHour, s.fromDate ?? '', s.toDate ?? '', s.probabilityMicros]);
}

/** Draws made in one local hour of one local day. */
export type HourDraws = { hour: number; day: string; n: number };

/**
 * The odds a tier had over its draws, to compare with its actual share (micros): the odds in
 * force at each draw, weighted by the draws of each local hour; with no draws yet, those at `now`.
 */
export function oddsOverDraws(tier: TierOdds, hours: HourDraws[], timezone: string, now: number): number {
  const drawn = hours.reduce((sum, h) => sum + h.n, 0);
  if (drawn === 0) {
    const { hour, day } = localClock(timezone, now);
    return oddsAt(tier, hour, day);
  }
  return hours.reduce((sum, h) => sum + h.n * oddsAt(tier, h.hour, h.day), 0) / drawn;
}
