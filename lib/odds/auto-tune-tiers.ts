// The auto-tune job: for each tier of a live activity that has
// operator bounds (Tier.autoTuneMinMicros..autoTuneMaxMicros), compare what it has issued
// with the even-release curve (stock·elapsed/period) and move its odds within the bounds
// (lib/odds/decide-tuned-probability.ts). A change goes through patchTier, the same audited
// path as an operator's PATCH, as actor SYSTEM "auto-tune", with the figures that led to it
// in the audit entry: that entry is what the dashboard shows.
//
// At most once per interval per tier: a Redis gate (SET NX with the interval as its TTL) stops
// concurrent runs, and the last auto-tune audit entry stops a run after the gate was lost.
import { config } from '../config';
import { db } from '../db';
import { errorFields, log } from '../log';
import { activityKey, requestRedis } from '../redis';
import { passOverMarked } from '../workers/dirty-activities';
import { patchTier } from '../activities/patch-tier';
import { PROBABILITY_SCALE } from '../draw/probability-scale';
import { drawKeys } from '../draw/keys';
import { decideTunedProbability, evenReleaseTarget } from './decide-tuned-probability';

export const AUTO_TUNE_ACTOR = { type: 'SYSTEM', id: 'auto-tune' } as const;
/** A gap to the curve is closed over this long. */
const HORIZON_MS = 3600_000;

export type TierTuning = { tierId: string; fromMicros: number; toMicros: number; issued: number; target: number };

export async function autoTuneActivity(
  activityId: string,
  {
    now = Date.now(),
    intervalMs = config().AUTO_TUNE_INTERVAL_SECONDS * 1000,
  }: { now?: number; intervalMs?: number } = {},
): Promise<TierTuning[]> {
  const a = await db.activity.findUnique({
    where: { id: activityId },
    select: {
      tenantId: true,
      status: true,
      startsAt: true,
      endsAt: true,
      tiers: {
        where: { removedAt: null },
        select: {
          id: true,
          probabilityMicros: true,
          stock: true,
          issued: true,
          autoTuneMinMicros: true,
          autoTuneMaxMicros: true,
        },
        orderBy: { position: 'asc' },
      },
    },
  });
  if (!a || a.status !== 'LIVE') return [];
  const startsAt = a.startsAt.getTime();
  const endsAt = a.endsAt.getTime();
  if (now < startsAt || now >= endsAt) return [];
  const redis = await requestRedis();
  const k = drawKeys(activityId);
  // The hot state's counters are current; the rows' lag by a write-back.
  const hotIssued = (await redis.exists(k.cfg)) ? await redis.hgetall(k.issued) : null;
  const odds = new Map(a.tiers.map((t) => [t.id, t.probabilityMicros]));
  const changes: TierTuning[] = [];
  for (const tier of a.tiers) {
    if (tier.autoTuneMinMicros === null || tier.autoTuneMaxMicros === null) continue;
    const issued = hotIssued ? Number(hotIssued[`t:${tier.id}`] ?? 0) : tier.issued;
    if (issued >= tier.stock) continue;
    const target = evenReleaseTarget(tier.stock, startsAt, endsAt, now);
    const others = [...odds].reduce((sum, [id, p]) => (id === tier.id ? sum : sum + p), 0);
    const next = decideTunedProbability({
      probabilityMicros: tier.probabilityMicros,
      issued,
      target,
      horizonWins: (tier.stock * Math.min(HORIZON_MS, endsAt - startsAt)) / (endsAt - startsAt),
      minMicros: tier.autoTuneMinMicros,
      maxMicros: Math.min(tier.autoTuneMaxMicros, PROBABILITY_SCALE - others),
    });
    if (next === tier.probabilityMicros) continue;
    if (await tunedWithin(a.tenantId, tier.id, now, intervalMs)) continue;
    const gate = activityKey(activityId, 'auto-tune', tier.id);
    if ((await redis.set(gate, String(now), 'PX', intervalMs, 'NX')) !== 'OK') continue;
    try {
      const minProbability = tier.autoTuneMinMicros / PROBABILITY_SCALE;
      const maxProbability = tier.autoTuneMaxMicros / PROBABILITY_SCALE;
      await patchTier(a.tenantId, AUTO_TUNE_ACTOR, {
        activityId,
        tierId: tier.id,
        patch: { probability: next / PROBABILITY_SCALE },
        reason: { issued, target, minProbability, maxProbability },
      });
    } catch (err) {
      // Not changed (an operator's edit won the race, the activity ended): the next round decides afresh.
      await redis.del(gate);
      log.warn('auto-tune skipped a tier', { activityId, tierId: tier.id, ...errorFields(err) });
      continue;
    }
    odds.set(tier.id, next);
    changes.push({ tierId: tier.id, fromMicros: tier.probabilityMicros, toMicros: next, issued, target });
  }
  return changes;
}

async function tunedWithin(tenantId: string, tierId: string, now: number, intervalMs: number): Promise<boolean> {
  const last = await db.auditLog.findFirst({
    where: {
      tenantId,
      objectType: 'Tier',
      objectId: tierId,
      actorType: AUTO_TUNE_ACTOR.type,
      actorId: AUTO_TUNE_ACTOR.id,
      createdAt: { gt: new Date(now - intervalMs) },
    },
    select: { id: true },
  });
  return last !== null;
}

/** The full pass: every live activity with a tuned tier (`only`: those of them). */
export async function autoTuneAll(
  now = Date.now(),
  { only }: { only?: string[] } = {},
): Promise<{ changed: number; failed: string[] }> {
  const activities = await db.activity.findMany({
    where: {
      ...(only ? { id: { in: only } } : {}),
      status: 'LIVE',
      tiers: { some: { autoTuneMinMicros: { not: null }, autoTuneMaxMicros: { not: null } } },
    },
    select: { id: true },
    take: 1_000,
  });
  let changed = 0;
  const failed: string[] = [];
  for (const a of activities) {
    try {
      changed += (await autoTuneActivity(a.id, { now })).length;
    } catch (err) {
      failed.push(a.id);
      log.warn('auto-tune failed', { activityId: a.id, ...errorFields(err) });
    }
  }
  return { changed, failed };
}

/** The frequent pass: the activities marked since the last one (lib/workers/dirty-activities.ts). */
export async function autoTuneMarked(now = Date.now()): Promise<number> {
  const result = await passOverMarked(await requestRedis(), 'auto-tune', (only) => autoTuneAll(now, { only }));
  return result?.changed ?? 0;
}
