// Auto-tuning's decision, pure so it can be proven alone: given
// a tier's odds, what it has issued and what the even-release curve wants issued by now, the
// new odds within the operator's bounds. Odds are integers in millionths: no floats here.
//
// The controller closes the gap to the curve over a horizon (the job uses an hour): behind by
// the wins the curve adds in one horizon, the odds double; ahead by as much, they halve; at
// most ×2 or ÷2 per round, so one noisy interval cannot swing them. Within a dead band of half
// a horizon's wins nothing changes, so the audit trail is not flooded with jitter. Measured on
// a simulated day of diurnal traffic (tests/unit/auto-tune.test.ts) this keeps a tier within a
// few percent of its stock of the curve, starting 4× too high or 20× too low.

/** At most ×2 or ÷2 per round. */
export const MAX_STEP = 2;
/** No change while |issued − target| is within this share of the horizon's wins (or one win). */
export const DEAD_BAND = 0.5;

export type TuneInput = {
  probabilityMicros: number;
  /** Wins of the tier so far. */
  issued: number;
  /** Wins the target curve expects by now. */
  target: number;
  /** Wins the target curve adds over the horizon in which a gap is to be closed. */
  horizonWins: number;
  /** The operator's bounds; max is also capped by the room the other tiers leave (odds sum ≤ 1). */
  minMicros: number;
  maxMicros: number;
};

export function decideTunedProbability({
  probabilityMicros,
  issued,
  target,
  horizonWins,
  minMicros,
  maxMicros,
}: TuneInput): number {
  if (maxMicros < minMicros) return probabilityMicros; // no room within the bounds: leave it to the operator
  const clamp = (p: number) => Math.min(maxMicros, Math.max(minMicros, p));
  const gap = target - issued;
  if (!(horizonWins > 0) || Math.abs(gap) <= Math.max(1, DEAD_BAND * horizonWins)) return clamp(probabilityMicros);
  const factor = Math.min(MAX_STEP, Math.max(1 / MAX_STEP, 1 + gap / horizonWins));
  // From zero odds nothing can be measured; start from the smallest step up.
  const base = Math.max(probabilityMicros, gap > 0 ? 1 : 0);
  return clamp(Math.round(base * factor));
}

/** The even-release curve: stock·elapsed/period, in whole wins, 0 before the start and all of it at the end. */
export function evenReleaseTarget(stock: number, startsAtMs: number, endsAtMs: number, nowMs: number): number {
  const share = Math.min(1, Math.max(0, (nowMs - startsAtMs) / (endsAtMs - startsAtMs)));
  return Math.floor(stock * share);
}
