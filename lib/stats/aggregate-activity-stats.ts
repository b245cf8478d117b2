// The stats worker's work for one activity: per-minute StatsBucket rows for the dashboard and
// per-minute HyperLogLogs of active users, so the dashboard never scans Draw rows.
//
// Draw rows can arrive late: a draw's createdAt is when Redis decided it, and the draw-log
// drain may commit it seconds (or, after an outage, hours) later. So a bucket is never
// incremented; it is recomputed (replaced) from the records:
//   - the recent pass (every few seconds) rebuilds the minutes from RECENT_MINUTES ago on;
//   - the settle pass (every minute) rebuilds SETTLE_MINUTES, then compares the buckets' sums
//     with the records' totals and, if they differ, rebuilds every minute of the activity.
//
// INVARIANT. Every bucket holds the exact figures of its minute as of some committed snapshot
// (one statement per rebuild, serialised per activity by an advisory lock, so a later rebuild
// never writes an older snapshot's figures). Draw rows are only ever added, and a draw's minute
// never changes, so a bucket's draws, wins, winsByTier and chancesUsed can only be behind, never
// ahead; newUsers moves between minutes only when an earlier draw of the user arrives, which is
// itself a new Draw row. Hence: buckets' Σdraws = Σ Participation.draws (the exact count written
// in the same statement as the Draw rows) together with Σwins, Σ newUsers = count(Participation),
// Σ chancesGranted and Σ riskEvents equal to the records ⇒ every bucket is exact. The settle pass
// checks exactly that and rebuilds everything when it fails, so once draws settle (nothing left
// in the stream, one settle pass run) every dashboard figure equals what PostgreSQL says.
// (ChanceGrant and RiskEvent rows take their createdAt when inserted, so they are never later
// than the recent window.)
//
// The HyperLogLogs are an estimate by design (±1 %): fed with the users of the draws committed
// since the last feed (plus an overlap); PFADD is idempotent, so feeding twice is harmless.
import { db } from '../db';
import type { Redis } from '../redis';
import { bucketTotalsAgree, recomputeStatsBuckets } from './recompute-stats-buckets';
import { floorMinute, MINUTE_MS, statsKeys } from './keys';

export const RECENT_MINUTES = 3;
export const SETTLE_MINUTES = 15;
/** The dashboard reads the last hour of active-user HLLs; keep them a little longer. */
const HLL_TTL_SECONDS = 2 * 3600;
/** Draws committed this long after their createdAt are still fed to the HLL on the next run. */
const FEED_OVERLAP_MS = 30_000;
const FEED_CHUNK = 5_000;
/** A full rebuild of a large activity reads every Draw row once; give it time. */
const REBUILD_TIMEOUT_MS = 300_000;

export type AggregateResult = { written: number; removed: number; rebuiltAll: boolean; fedUsers: number };

export async function aggregateActivityStats(
  redis: Redis,
  activityId: string,
  { settle = false, now = Date.now() }: { settle?: boolean; now?: number } = {},
): Promise<AggregateResult> {
  const from = new Date(floorMinute(now) - (settle ? SETTLE_MINUTES : RECENT_MINUTES) * MINUTE_MS);
  const result = await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended('stats:' || $1::text, 0))`, activityId);
      const recent = await recomputeStatsBuckets(tx, activityId, from, null);
      if (!settle || (await bucketTotalsAgree(tx, activityId))) return { ...recent, rebuiltAll: false };
      const all = await recomputeStatsBuckets(tx, activityId, null, null);
      return { written: recent.written + all.written, removed: recent.removed + all.removed, rebuiltAll: true };
    },
    { timeout: REBUILD_TIMEOUT_MS, maxWait: 30_000 },
  );
  const fedUsers = await feedActiveUsers(redis, activityId, now, result.rebuiltAll);
  await redis.hset(statsKeys(activityId).meta, { recentAt: now, ...(settle ? { settledAt: now } : {}) });
  return { ...result, fedUsers };
}

/** PFADDs the users of draws since the last feed into their minute's HLL, one minute (one index range) at a time. */
async function feedActiveUsers(redis: Redis, activityId: string, now: number, everything: boolean): Promise<number> {
  const k = statsKeys(activityId);
  const hourAgo = floorMinute(now) - 60 * MINUTE_MS;
  const fedUntil = Number((await redis.hget(k.meta, 'fedUntil')) ?? 0);
  // Never further back than the hour the dashboard shows; all of it after a full rebuild.
  const since = everything ? hourAgo : Math.max(hourAgo, fedUntil - FEED_OVERLAP_MS);
  let fed = 0;
  for (let minute = floorMinute(since); minute <= now; minute += MINUTE_MS) {
    const rows = await db.$queryRawUnsafe<{ userId: string }[]>(
      `SELECT DISTINCT "userId" FROM "Draw" WHERE "activityId" = $1::uuid AND "createdAt" >= $2::timestamp(3) AND "createdAt" < $3::timestamp(3)`,
      activityId,
      new Date(Math.max(minute, since)).toISOString(),
      new Date(minute + MINUTE_MS).toISOString(),
    );
    for (let i = 0; i < rows.length; i += FEED_CHUNK) {
      const users = rows.slice(i, i + FEED_CHUNK).map((r) => r.userId);
      await redis
        .multi()
        .pfadd(k.activeUsers(minute), ...users)
        .expire(k.activeUsers(minute), HLL_TTL_SECONDS)
        .exec();
    }
    fed += rows.length;
  }
  await redis.hset(k.meta, 'fedUntil', now);
  return fed;
}
