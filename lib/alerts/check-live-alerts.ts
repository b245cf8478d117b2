// The live-alerts pass: for each live activity drawn on since the last pass (the `alerts` dirty
// set, docs/idle-workers.md), every tier is checked for running far ahead of an even release and
// for low stock (lib/alerts/decide-tier-alerts.ts). A condition that holds is raised once
// (lib/alerts/raise-condition-alert.ts), reaching the console and the `alert.raised` webhook; one
// that no longer holds frees its acknowledged alert, so it is raised again if it comes back.
//
// Issued counts come from the draw engine's hot counters when it holds the activity (current),
// else from the rows (written back every second). A slow full pass visits every live activity to
// catch a lost mark, and conditions that change with time alone (the period running on).
import { db } from '../db';
import { errorFields, log } from '../log';
import { activityKey, requestRedis } from '../redis';
import { tryAcquireLock, releaseLock } from '../locks/redis-lock';
import { passOverMarked } from '../workers/dirty-activities';
import { decideTierAlerts } from './decide-tier-alerts';
import { clearConditionAlerts, raiseConditionAlert } from './raise-condition-alert';

/** One visit of an activity at a time: two passes at once would both raise a new condition. */
const VISIT_LOCK_MS = 30_000;

export type LiveAlertsCheck = { raised: string[]; holding: string[]; cleared: number };

export async function checkLiveAlerts(
  activityId: string,
  { now = Date.now() }: { now?: number } = {},
): Promise<LiveAlertsCheck | null> {
  const a = await db.activity.findUnique({
    where: { id: activityId },
    select: {
      tenantId: true,
      status: true,
      startsAt: true,
      endsAt: true,
      timezone: true,
      tiers: {
        select: { id: true, name: true, stock: true, issued: true, pacing: true },
        orderBy: { position: 'asc' },
      },
    },
  });
  if (!a || a.status !== 'LIVE') return null;
  const redis = await requestRedis();
  const lock = await tryAcquireLock(redis, activityKey(activityId, 'alerts-visit'), VISIT_LOCK_MS);
  if (!lock) return null; // another pass is visiting it now
  try {
    // The draw engine's state (the keys of lib/draw/keys.ts, named here: lib/draw raises alerts).
    const engineHolds = (await redis.exists(activityKey(activityId, 'cfg'))) === 1;
    const hotIssued = engineHolds ? await redis.hgetall(activityKey(activityId, 'issued')) : null;
    const tiers = a.tiers.map((t) => ({
      id: t.id,
      name: t.name,
      stock: t.stock,
      issued: hotIssued ? Number(hotIssued[`t:${t.id}`] ?? 0) : t.issued,
      paced: t.pacing !== 'NONE',
    }));
    const period = { startsAtMs: a.startsAt.getTime(), endsAtMs: a.endsAt.getTime(), timeZone: a.timezone };
    const raised: string[] = [];
    const holding: string[] = [];
    const gone: string[] = [];
    for (const { dedupeKey, alert } of decideTierAlerts(activityId, tiers, period, now)) {
      if (!alert) {
        gone.push(dedupeKey);
        continue;
      }
      holding.push(dedupeKey);
      const outcome = await raiseConditionAlert({
        tenantId: a.tenantId,
        activityId,
        dedupeKey,
        kind: alert.kind,
        severity: alert.severity,
        message: alert.message,
        details: alert.details,
      });
      if (outcome === 'raised') {
        raised.push(dedupeKey);
        log.warn('alert raised', { activityId, kind: alert.kind, tierId: alert.tierId });
      }
    }
    return { raised, holding, cleared: await clearConditionAlerts(gone) };
  } finally {
    await releaseLock(redis, lock).catch(() => undefined);
  }
}

/** The full pass: every live activity (`only`: those of them). */
export async function checkAllLiveAlerts(
  now = Date.now(),
  { only }: { only?: string[] } = {},
): Promise<{ raised: number; failed: string[] }> {
  const activities = await db.activity.findMany({
    where: { ...(only ? { id: { in: only } } : {}), status: 'LIVE' },
    select: { id: true },
    take: 1_000,
  });
  let raised = 0;
  const failed: string[] = [];
  for (const a of activities) {
    try {
      raised += (await checkLiveAlerts(a.id, { now }))?.raised.length ?? 0;
    } catch (err) {
      failed.push(a.id);
      log.warn('live alerts check failed', { activityId: a.id, ...errorFields(err) });
    }
  }
  return { raised, failed };
}

/** The frequent pass: the activities marked since the last one (none marked: not even a query). */
export async function checkMarkedLiveAlerts(now = Date.now()): Promise<number> {
  const result = await passOverMarked(await requestRedis(), 'alerts', (only) => checkAllLiveAlerts(now, { only }));
  return result?.raised ?? 0;
}
