// The live warnings about a tier's stock, decided from figures alone (no I/O): whether a tier is
// running far ahead of an even release over the period, and whether its stock is low while the
// period still has a while to go. lib/alerts/check-live-alerts.ts feeds them the live figures.

/** A tier is "far ahead" when its issued share of stock exceeds the elapsed share of the period by this much. */
export const AHEAD_OF_PACING_SHARE = 0.2;
/** A tier is "low" when at most this share of its stock is left... */
export const STOCK_LOW_SHARE = 0.1;
/** ...and at least this long is left of the period (near the end, running low is the plan). */
export const STOCK_LOW_MIN_MS_BEFORE_END = 3_600_000;

export type TierFigures = { id: string; name: string; stock: number; issued: number; paced: boolean };
export type Period = { startsAtMs: number; endsAtMs: number; timeZone: string };

export type TierAlert = {
  kind: 'tier_ahead_of_pacing' | 'stock_low';
  tierId: string;
  severity: 'WARNING';
  message: string;
  details: Record<string, number | string | boolean>;
};

const HOUR_MS = 3_600_000;

/**
 * Ahead of pacing: issued/stock − elapsed/period ≥ AHEAD_OF_PACING_SHARE. Issued at the average
 * rate so far, the tier then runs out before the end: the projection says when, in the period's zone.
 */
export function decideAheadOfPacing(tier: TierFigures, period: Period, nowMs: number): TierAlert | null {
  const periodMs = period.endsAtMs - period.startsAtMs;
  const elapsedMs = nowMs - period.startsAtMs;
  if (tier.stock <= 0 || periodMs <= 0 || elapsedMs <= 0 || nowMs >= period.endsAtMs) return null;
  const issued = Math.min(tier.issued, tier.stock);
  const issuedShare = issued / tier.stock;
  const elapsedShare = elapsedMs / periodMs;
  if (issuedShare - elapsedShare < AHEAD_OF_PACING_SHARE) return null;
  // issuedShare > elapsedShare, so issued > 0 and the average rate runs out before the end.
  const runsOutAtMs = issued >= tier.stock ? nowMs : nowMs + ((tier.stock - issued) * elapsedMs) / issued;
  const hoursBeforeEnd = (period.endsAtMs - runsOutAtMs) / HOUR_MS;
  const when =
    issued >= tier.stock
      ? `has run out, ${formatHours(hoursBeforeEnd)} before the end`
      : `runs out at ${formatLocal(runsOutAtMs, period.timeZone)} (${period.timeZone}), ` +
        `${formatHours(hoursBeforeEnd)} before the end`;
  const advice = tier.paced ? 'Lower its odds or add stock.' : 'Pace it evenly, lower its odds or add stock.';
  return {
    kind: 'tier_ahead_of_pacing',
    tierId: tier.id,
    severity: 'WARNING',
    message:
      `Tier "${tier.name}" is far ahead of an even release: ${percent(issuedShare)} of its stock issued ` +
      `with ${percent(elapsedShare)} of the period gone. At this rate it ${when}. ${advice}`,
    details: {
      tierId: tier.id,
      tierName: tier.name,
      stock: tier.stock,
      issued,
      issuedShare: round(issuedShare),
      elapsedShare: round(elapsedShare),
      runsOutAt: new Date(runsOutAtMs).toISOString(),
      hoursBeforeEnd: round(hoursBeforeEnd, 1),
      paced: tier.paced,
    },
  };
}

/** Low stock: remaining ≤ STOCK_LOW_SHARE of the stock with at least STOCK_LOW_MIN_MS_BEFORE_END to go. */
export function decideStockLow(tier: TierFigures, period: Period, nowMs: number): TierAlert | null {
  const leftMs = period.endsAtMs - nowMs;
  if (tier.stock <= 0 || nowMs < period.startsAtMs || leftMs < STOCK_LOW_MIN_MS_BEFORE_END) return null;
  const remaining = Math.max(0, tier.stock - tier.issued);
  if (remaining > tier.stock * STOCK_LOW_SHARE) return null;
  return {
    kind: 'stock_low',
    tierId: tier.id,
    severity: 'WARNING',
    message:
      `Tier "${tier.name}" is low on stock: ${remaining} of ${tier.stock} left (${percent(remaining / tier.stock)}), ` +
      `${formatHours(leftMs / HOUR_MS)} before the end. Add stock or lower its odds.`,
    details: {
      tierId: tier.id,
      tierName: tier.name,
      stock: tier.stock,
      remaining,
      hoursBeforeEnd: round(leftMs / HOUR_MS, 1),
    },
  };
}

/** Every tier's two conditions, each with the dedupe key it is kept under while it holds. */
export function decideTierAlerts(
  activityId: string,
  tiers: TierFigures[],
  period: Period,
  nowMs: number,
): { dedupeKey: string; alert: TierAlert | null }[] {
  return tiers.flatMap((t) => [
    { dedupeKey: `tier-ahead-of-pacing:${activityId}:${t.id}`, alert: decideAheadOfPacing(t, period, nowMs) },
    { dedupeKey: `stock-low:${activityId}:${t.id}`, alert: decideStockLow(t, period, nowMs) },
  ]);
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function formatHours(hours: number): string {
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))} min`;
  return `${hours.toFixed(1)} h`;
}

/** "2026-12-06 21:30" in the zone. */
export function formatLocal(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
