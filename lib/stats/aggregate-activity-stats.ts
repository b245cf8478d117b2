// The stats worker's work for one activity: per-minute StatsBucket rows for the dashboard and
// per-minute HyperLogLogs of active users, so the dashboard never scans Draw rows.
//
// Draw rows can arrive late: a draw's createdAt is when Redis decided it, and the draw-log
// drain may commit it seconds (or, after an outage, hours) later. So a bucket is never
// incremented; it is recomputed (replaced) from the records:
//   - the recent pass (every few seconds) rebuilds the minutes from LATE_ROW_MS before the last
//     pass on (at most RECENT_MINUTES back): every row committed since that pass's snapshot and
//     at most LATE_ROW_MS after its createdAt is in the range. Under a steady crowd that is
//     mostly the current minute, not the last few: each Draw row is read about 16 times by this
//     pass, not 70 (docs/idle-workers.md, "A busy activity");
//   - the settle pass (every minute) does the same and compares the buckets' sums with the
//     records' totals, in the same statement (one snapshot: under a crowd, totals read a moment
//     later are always ahead). If they differ (a row later than LATE_ROW_MS), it rebuilds the last
//     SETTLE_MINUTES and checks again, and if they still differ, every minute of the activity.
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
// (ChanceGrant and RiskEvent rows take their createdAt when inserted: they are late by no more
// than their transaction's length.)
//
// The HyperLogLogs are an estimate by design (±1 %): fed with the users of the draws committed
// since the last feed, less LATE_ROW_MS; PFADD is idempotent, so feeding twice is harmless.
import { db } from '../db';
import type { Redis } from '../redis';
import { recomputeStatsBuckets } from './recompute-stats-buckets';
import { floorMinute, MINUTE_MS, statsKeys } from './keys';

/**
 * How late a row may be committed (after its createdAt) and still be counted by the next recent
 * pass: a drained draw is a few seconds late (DRAIN_GRACE_MS and the sweeps). A later one waits
 * for the settle pass, at most a minute.
 */
export const LATE_ROW_MS = 15_000;
/** The recent pass never looks further back (its first run, or after a long gap). */
export const RECENT_MINUTES = 3;
export const SETTLE_MINUTES = 15;
/** The dashboard reads the last hour of active-user HLLs; keep them a little longer. */
const HLL_TTL_SECONDS = 2 * 3600;
const FEED_CHUNK = 5_000;
/** A full rebuild of a large activity reads every Draw row once; give it time. */
const REBUILD_TIMEOUT_MS = 300_000;

export type AggregateResult = { written: number; removed: number; rebuiltAll: boolean; fedUsers: number };

export async function aggregateActivityStats(
  redis: Redis,
  activityId: string,
  { settle = false, now = Date.now() }: { settle?: boolean; now?: number } = {},
): Promise<AggregateResult> {
  const k = statsKeys(activityId);
  const [recentAt, fedUntil] = (await redis.hmget(k.meta, 'recentAt', 'fedUntil')).map(Number);
  const recent = new Date(recentFrom(now, recentAt || null));
  const result = await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended('stats:' || $1::text, 0))`, activityId);
      const first = await recomputeStatsBuckets(tx, activityId, recent, null, { checkTotals: settle });
      if (!settle || first.agree) return { written: first.written, removed: first.removed, rebuiltAll: false };
      // Rows later than LATE_ROW_MS: the last SETTLE_MINUTES, then, if the totals still disagree, every minute.
      const window = new Date(floorMinute(now) - SETTLE_MINUTES * MINUTE_MS);
      const settled = await recomputeStatsBuckets(tx, activityId, window, null, { checkTotals: true });
      const written = first.written + settled.written;
      const removed = first.removed + settled.removed;
      if (settled.agree) return { written, removed, rebuiltAll: false };
      const all = await recomputeStatsBuckets(tx, activityId, null, null);
      return { written: written + all.written, removed: removed + all.removed, rebuiltAll: true };
    },
    { timeout: REBUILD_TIMEOUT_MS, maxWait: 30_000 },
  );
  const fedUsers = await feedActiveUsers(redis, activityId, now, result.rebuiltAll ? null : fedUntil || 0);
  await redis.hset(k.meta, { recentAt: now, ...(settle ? { settledAt: now } : {}) });
  return { ...result, fedUsers };
}

/**
 * Where the recent pass at `now` starts: the minute of LATE_ROW_MS before the last pass (a
 * pass's `now` is no later than its snapshot, so a row it did not see was committed after that),
 * never more than RECENT_MINUTES back. A last pass later than `now` (another process's clock, a
 * caller's own `now`) counts as `now`.
 */
export function recentFrom(now: number, lastPassAt: number | null): number {
  const earliest = floorMinute(now) - RECENT_MINUTES * MINUTE_MS;
  if (lastPassAt === null) return earliest;
  return Math.max(earliest, floorMinute(Math.min(now, lastPassAt) - LATE_ROW_MS));
}

/**
 * PFADDs the users of draws since the last feed (`fedUntil`, less LATE_ROW_MS; null: the whole
 * hour, after a full rebuild) into their minute's HLL, one minute (one index range) at a time.
 */
async function feedActiveUsers(
  redis: Redis,
  activityId: string,
  now: number,
  fedUntil: number | null,
): Promise<number> {
  const k = statsKeys(activityId);
  const hourAgo = floorMinute(now) - 60 * MINUTE_MS;
  // Never further back than the hour the dashboard shows.
  const since = fedUntil === null ? hourAgo : Math.max(hourAgo, fedUntil - LATE_ROW_MS);
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
