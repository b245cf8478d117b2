// The odds-drift alarm: a chi-square goodness-of-fit test of a live
// activity's outcomes in the last window (ODDS_DRIFT_WINDOW_MINUTES) against its configured
// odds. p < 0.001 raises one Alert per activity (kind "odds_drift"), kept as every live
// condition is (lib/alerts/raise-condition-alert.ts): not raised again while it is open, nor
// after it is acknowledged until a check has found no drift. When it is raised and the
// activity has pauseOnDrift, the activity is paused through the one transition table every pause takes
// (lib/activities/transition-activity.ts).
//
// What is counted: Draw rows of the window, by tier, from the (activityId, createdAt) index,
// without draws a risk rule forced to lose, without the fixed-winner draw's rows, and, when
// the activity caps wins per user, without draws by a user who had already reached the cap
// (the draw could not win). Which tiers are tested alone and which are pooled with "no win"
// (stock ran out, pacing, per-user tier limits, auto-tuning) is explained in
// lib/odds/fit-outcomes.ts. Time segments are not pooled: draws are grouped by the local hour
// and day they were made in, each group tested against the odds in force then (fitStrata).
// The window starts no earlier than the last change to a tested tier (its audit entry), so the
// odds tested are the odds the draws had.
//
// Known limits: a tier or pool that ran out within the window and was refilled before the
// check counts as having had stock throughout (it is judged by the stock it has now).
import type { Prisma } from '@/generated/prisma/client';
import { config } from '../config';
import { db } from '../db';
import { errorFields, log } from '../log';
import { requestRedis } from '../redis';
import { passOverMarked } from '../workers/dirty-activities';
import { recordSystemChange } from '../activities/record-system-change';
import { transitionActivity } from '../activities/transition-activity';
import { drawKeys } from '../draw/keys';
import { FIXED_WINNERS_DRAW_KEY } from '../fixed-winners/draw-fixed-winners';
import { oddsAt, type Segment } from '../draw/segments';
import { fitStrata, type Fit, type Stratum } from './fit-outcomes';
import { clearConditionAlerts, raiseConditionAlert } from '../alerts/raise-condition-alert';

export const ODDS_DRIFT_ACTOR = { type: 'SYSTEM', id: 'odds-drift' } as const;
/** Significance of the alarm: a drift this unlikely under the configured odds. */
export const DRIFT_P_VALUE = 0.001;

export type DriftCheck = { fit: Fit | null; from: Date; to: Date; drift: boolean; alerted: boolean; paused: boolean };

export async function checkOddsDrift(
  activityId: string,
  {
    now = Date.now(),
    windowMs = config().ODDS_DRIFT_WINDOW_MINUTES * 60_000,
  }: { now?: number; windowMs?: number } = {},
): Promise<DriftCheck | null> {
  const a = await db.activity.findUnique({
    where: { id: activityId },
    select: {
      tenantId: true,
      status: true,
      startsAt: true,
      timezone: true,
      pauseOnDrift: true,
      maxWinsPerUser: true,
      tiers: {
        select: {
          id: true,
          probabilityMicros: true,
          pacing: true,
          segments: true,
          perUserLimit: true,
          autoTuneMinMicros: true,
          autoTuneMaxMicros: true,
          prizes: { select: { prizeId: true, quantity: true } },
        },
      },
    },
  });
  if (!a || a.status !== 'LIVE') return null;
  const redis = await requestRedis();
  const k = drawKeys(activityId);
  const stockLeft = (await redis.exists(k.cfg)) ? await redis.hgetall(k.stock) : null;
  if (!stockLeft) return null; // fenced: being rebuilt, no draws
  const left = (field: string) => Number(stockLeft[field] ?? 0);
  const tiers = a.tiers.map((t) => ({
    id: t.id,
    probabilityMicros: t.probabilityMicros,
    segments: t.segments as Segment[],
    pooled:
      t.pacing !== 'NONE' ||
      t.perUserLimit !== null ||
      (t.autoTuneMinMicros !== null && t.autoTuneMaxMicros !== null) ||
      left(`t:${t.id}`) < 1 ||
      t.prizes.some((p) => left(`p:${p.prizeId}`) < p.quantity),
  }));
  const lastChange = await db.auditLog.findFirst({
    where: {
      tenantId: a.tenantId,
      objectType: 'Tier',
      objectId: { in: tiers.filter((t) => !t.pooled).map((t) => t.id) },
      action: 'tier.update',
    },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  const from = new Date(Math.max(now - windowMs, a.startsAt.getTime(), lastChange?.createdAt.getTime() ?? 0));
  const to = new Date(now);
  // Draw times are stored in UTC without a zone; the hour and day are the activity's local ones.
  const rows = await db.$queryRaw<{ tierId: string | null; hour: number; day: string; n: number }[]>`
    SELECT d."tierId"::text AS "tierId", count(*)::int AS n,
      extract(hour FROM (d."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${a.timezone})::int AS hour,
      to_char((d."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${a.timezone}, 'YYYY-MM-DD') AS day
    FROM "Draw" d
    WHERE d."activityId" = ${activityId}::uuid AND d."createdAt" >= ${from} AND d."createdAt" < ${to}
      AND d."riskAction" IS DISTINCT FROM 'FORCE_LOSE' AND d."idempotencyKey" <> ${FIXED_WINNERS_DRAW_KEY}
      AND (${a.maxWinsPerUser}::int IS NULL OR (
        SELECT count(*) FROM "Draw" p
        WHERE p."activityId" = d."activityId" AND p."userId" = d."userId" AND p.outcome = 'WIN' AND p."createdAt" < d."createdAt"
      ) < ${a.maxWinsPerUser}::int)
    GROUP BY 1, 3, 4`;
  const fit = fitStrata(strataByOdds(tiers, rows));
  const drift = fit !== null && fit.pValue < DRIFT_P_VALUE;
  let alerted = false;
  let paused = false;
  if (drift) {
    alerted = await raiseOddsDriftAlert(a.tenantId, { activityId, fit, from, to });
    if (alerted && a.pauseOnDrift) paused = await pauseForDrift(activityId);
  } else if (fit !== null) {
    await clearConditionAlerts([oddsDriftKey(activityId)]);
  }
  return { fit, from, to, drift, alerted, paused };
}

/** The window's outcomes grouped by the odds in force when they were drawn. */
function strataByOdds(
  tiers: { id: string; probabilityMicros: number; segments: Segment[]; pooled: boolean }[],
  rows: { tierId: string | null; hour: number; day: string; n: number }[],
): Stratum[] {
  const strata = new Map<string, Stratum>();
  for (const r of rows) {
    const odds = tiers.map((t) => ({ id: t.id, probabilityMicros: oddsAt(t, r.hour, r.day), pooled: t.pooled }));
    const key = odds.map((t) => t.probabilityMicros).join(',');
    const stratum = strata.get(key) ?? { tiers: odds, counts: new Map() };
    stratum.counts.set(r.tierId, (stratum.counts.get(r.tierId) ?? 0) + r.n);
    strata.set(key, stratum);
  }
  return [...strata.values()];
}

type DriftFound = { activityId: string; fit: Fit; from: Date; to: Date };

const oddsDriftKey = (activityId: string) => `odds-drift:${activityId}`;

/** One alert per activity and drift: a known drift is not raised again. Returns whether it was raised now. */
async function raiseOddsDriftAlert(tenantId: string, found: DriftFound): Promise<boolean> {
  const { activityId, fit, from, to } = found;
  const message =
    `Outcomes drift from the configured odds: chi-square ${fit.statistic.toFixed(1)} on ` +
    `${fit.degreesOfFreedom} df, p = ${fit.pValue.toExponential(2)}, over ${fit.draws} draws. ` +
    'Check recent changes to odds and stock, and the draws export.';
  const details = {
    statistic: Number.isFinite(fit.statistic) ? fit.statistic : null,
    degreesOfFreedom: fit.degreesOfFreedom,
    pValue: fit.pValue,
    draws: fit.draws,
    from: from.toISOString(),
    to: to.toISOString(),
    categories: fit.categories,
  };
  const dedupeKey = oddsDriftKey(activityId);
  const alert = {
    tenantId,
    activityId,
    dedupeKey,
    kind: 'odds_drift',
    severity: 'CRITICAL' as const,
    message,
    details,
  };
  if ((await raiseConditionAlert(alert)) !== 'raised') return false;
  log.error('odds drift', { activityId, ...details, categories: undefined });
  return true;
}

/** Paused as an operator would pause it, from LIVE only: paused or ended meanwhile, the alert stands either way. */
async function pauseForDrift(activityId: string): Promise<boolean> {
  const pause = { from: ['LIVE'], to: 'PAUSED', actor: ODDS_DRIFT_ACTOR, action: 'activity.pause' } as const;
  // Shown in the activity's change history beside the operators' changes, in the pause's own transaction.
  const inTransaction = (tx: Prisma.TransactionClient) =>
    recordSystemChange(tx, {
      activityId,
      actorId: ODDS_DRIFT_ACTOR.id,
      status: { before: 'live', after: 'paused' },
      reason: 'the outcomes drifted from the configured odds (chi-square, p < 0.001): paused by the odds-drift alarm',
    });
  const outcome = await transitionActivity({ activityId, ...pause, inTransaction });
  if (!outcome.applied) log.warn('odds drift: not paused', { activityId, status: outcome.status });
  return outcome.applied;
}

/** The full pass: every live activity (`only`: those of them). */
export async function checkAllOddsDrift(
  now = Date.now(),
  { only }: { only?: string[] } = {},
): Promise<{ drifting: number; failed: string[] }> {
  const activities = await db.activity.findMany({
    where: { ...(only ? { id: { in: only } } : {}), status: 'LIVE' },
    select: { id: true },
    take: 1_000,
  });
  let drifting = 0;
  const failed: string[] = [];
  for (const a of activities) {
    try {
      if ((await checkOddsDrift(a.id, { now }))?.drift) drifting++;
    } catch (err) {
      failed.push(a.id);
      log.warn('odds drift check failed', { activityId: a.id, ...errorFields(err) });
    }
  }
  return { drifting, failed };
}

/** The frequent pass: the activities marked since the last one (lib/workers/dirty-activities.ts). */
export async function checkMarkedOddsDrift(now = Date.now()): Promise<number> {
  const result = await passOverMarked(await requestRedis(), 'odds-drift', (only) => checkAllOddsDrift(now, { only }));
  return result?.drifting ?? 0;
}
