// Fencing and rebuild (issue 3 item 6). When Redis has lost an activity's state, draws
// answer 503 ACTIVITY_REBUILDING until this has restored it from PostgreSQL, the system of
// record: issued = Win rows, chances from the Draw rows and the ChanceGrant ledger, recent
// idempotent results from the Draw rows. Never a guess.
import { setTimeout as sleep } from 'node:timers/promises';
import { db } from '../db';
import { errorFields, log } from '../log';
import { releaseLock, tryAcquireLock } from '../locks/redis-lock';
import type { Redis } from '../redis';
import { snapshotSelect, writeActivityState } from './activity-state';
import { IDEMPOTENCY_TTL_SECONDS } from './draw-record';
import { drawsSince, loadDrawRecords } from './load-draw-records';
import { drawKeys } from './keys';
import { localDay } from './local-day';

const PIPELINE_CHUNK = 1_000;

export type RebuildOutcome = 'rebuilt' | 'present' | 'busy' | 'not-published' | 'missing';

/** Starts a rebuild in the background (the lock makes concurrent requests harmless). */
export function requestRebuild(redis: Redis, activityId: string) {
  void rebuildActivityState(redis, activityId).catch((err: unknown) => log.error('activity rebuild failed', { activityId, ...errorFields(err) }));
}

export async function rebuildActivityState(
  redis: Redis,
  activityId: string,
  { graceMs = 500, now = Date.now() }: { graceMs?: number; now?: number } = {},
): Promise<RebuildOutcome> {
  const k = drawKeys(activityId);
  const lock = await tryAcquireLock(redis, k.rebuildLock, 120_000);
  if (!lock) return 'busy';
  try {
    if (await redis.exists(k.cfg)) return 'present';
    // Draws decided just before the loss may still be in their group commit: let them land
    // (those that do not are refused by the generation check and retried by their users).
    if (graceMs > 0) await sleep(graceMs);
    const data = await db.$transaction((tx) => readSnapshot(tx, activityId, now), { timeout: 120_000, maxWait: 10_000 });
    if (data === 'missing' || data === 'not-published') return data;
    const { snapshot, byPrize, byTier, users, recent, today } = data;
    log.warn('rebuilding activity state from PostgreSQL', { activityId, epoch: snapshot.stateEpoch });

    const userExpiry = Math.floor(snapshot.endsAt.getTime() / 1000) + 7 * 86400;
    for (let i = 0; i < users.length; i += PIPELINE_CHUNK) {
      const p = redis.pipeline();
      for (const u of users.slice(i, i + PIPELINE_CHUNK)) {
        const key = k.user(u.userId);
        p.del(key).hset(key, { total: u.total, wins: u.wins, used: u.used, granted: u.granted, [`d:${today}`]: u.today, [`f:${today}`]: u.freeToday }).expireat(key, userExpiry);
      }
      await p.exec();
    }
    for (let i = 0; i < recent.length; i += PIPELINE_CHUNK) {
      const p = redis.pipeline();
      for (const { record, createdAt } of recent.slice(i, i + PIPELINE_CHUNK)) {
        const ttl = Math.max(60, Math.floor((createdAt.getTime() + IDEMPOTENCY_TTL_SECONDS * 1000 - now) / 1000));
        p.set(k.idem(record.u, record.k), JSON.stringify(record), 'EX', ttl);
      }
      await p.exec();
    }
    await writeActivityState(redis, snapshot, {
      byPrize: new Map(byPrize.map((r) => [r.prizeId, Number(r.n)])),
      byTier: new Map(byTier.map((r) => [r.tierId, Number(r.n)])),
    });
    log.warn('activity state rebuilt', { activityId, users: users.length, recentDraws: recent.length });
    return 'rebuilt';
  } finally {
    await releaseLock(redis, lock).catch(() => undefined);
  }
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * One transaction: bump the state generation (an exclusive lock on the activity row, which
 * every group commit takes in share mode), then read the snapshot. A draw is therefore either
 * in this snapshot or refused as decided by a lost generation.
 */
async function readSnapshot(tx: Tx, activityId: string, now: number) {
  const bumped = await tx.$queryRaw<{ stateEpoch: number }[]>`
    UPDATE "Activity" SET "stateEpoch" = "stateEpoch" + 1 WHERE id = ${activityId}::uuid AND status <> 'DRAFT' RETURNING "stateEpoch"`;
  if (bumped.length === 0) {
    const exists = await tx.activity.count({ where: { id: activityId } });
    return exists ? ('not-published' as const) : ('missing' as const);
  }
  const snapshot = (await tx.activity.findUnique({ where: { id: activityId }, select: snapshotSelect }))!;
    const [byPrize, byTier] = await Promise.all([
    tx.$queryRaw<{ prizeId: string; n: bigint }[]>`
      SELECT "prizeId"::text AS "prizeId", sum(quantity)::bigint AS n FROM "Win"
      WHERE "activityId" = ${activityId}::uuid AND status <> 'VOID' GROUP BY "prizeId"`,
    tx.$queryRaw<{ tierId: string; n: bigint }[]>`
      SELECT "tierId"::text AS "tierId", count(DISTINCT "drawId")::bigint AS n FROM "Win"
      WHERE "activityId" = ${activityId}::uuid AND status <> 'VOID' GROUP BY "tierId"`,
  ]);
  const today = localDay(snapshot.timezone, now);
  const users = await tx.$queryRaw<{ userId: string; total: number; wins: number; used: number; today: number; freeToday: number; granted: number }[]>`
    WITH d AS (
      SELECT "userId", count(*)::int AS total, count(*) FILTER (WHERE outcome = 'WIN')::int AS wins,
             count(*) FILTER (WHERE "chanceKind" = 'GRANTED')::int AS used,
             count(*) FILTER (WHERE (("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${snapshot.timezone})::date = ${today}::date)::int AS today,
             count(*) FILTER (WHERE "chanceKind" = 'FREE' AND (("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${snapshot.timezone})::date = ${today}::date)::int AS "freeToday"
      FROM "Draw" WHERE "activityId" = ${activityId}::uuid GROUP BY "userId"
    ), g AS (
      SELECT "userId", sum(chances)::int AS granted FROM "ChanceGrant" WHERE "activityId" = ${activityId}::uuid GROUP BY "userId"
    )
    SELECT coalesce(d."userId", g."userId") AS "userId", coalesce(total, 0) AS total, coalesce(wins, 0) AS wins, coalesce(used, 0) AS used,
           coalesce(today, 0) AS today, coalesce("freeToday", 0) AS "freeToday", coalesce(granted, 0) AS granted
    FROM d FULL JOIN g ON g."userId" = d."userId"`;
  const recent = await loadDrawRecords(tx, drawsSince(activityId, new Date(now - IDEMPOTENCY_TTL_SECONDS * 1000)));

  return { snapshot, byPrize, byTier, users, recent, today };
}
