// Fencing and rebuild. When Redis has lost an activity's state, draws
// answer 503 ACTIVITY_REBUILDING until this has restored it from PostgreSQL, the system of
// record: issued = Win rows, chances from the Draw rows and the ChanceGrant ledger, recent
// idempotent results from the Draw rows. Never a guess. Publishing builds the first state the
// same way, so there is one way a hot state comes to be.
//
// The records are read and the state written under the activity row's lock, which every change
// to the activity takes too; a change committed after that, before the state is shown, marks the
// missing state (lib/draw/write-hot-state.ts), and the state is then read again, not shown.
//
// End users reach this through requestRebuild only: at most once per activity per interval,
// however many requests find the state missing.
import { setTimeout as sleep } from 'node:timers/promises';
import { config } from '../config';
import { db } from '../db';
import { errorFields, log } from '../log';
import { releaseLock, tryAcquireLock } from '../locks/redis-lock';
import type { Redis } from '../redis';
import { showActivityState, snapshotSelect, writeActivityCounts } from './activity-state';
import { IDEMPOTENCY_TTL_SECONDS } from './draw-record';
import { drawsSince, loadDrawRecords } from './load-draw-records';
import { drawKeys } from './keys';
import { localDay } from './local-day';
import { unissuedCodes } from '../coupons/coupon-pool';

const PIPELINE_CHUNK = 1_000;
/** Reads of the records in one rebuild, when changes keep landing while it reads. */
const MAX_PASSES = 5;

export type RebuildOutcome = 'rebuilt' | 'present' | 'busy' | 'not-published' | 'missing';
type BuildReason = 'lost' | 'publish';
type BuildOptions = { graceMs?: number; now?: number; reason?: BuildReason };

/**
 * Starts a rebuild in the background for a request that found the state missing: only the
 * first such request of an interval does (SET NX PX per activity); the lock makes concurrent
 * rebuilds harmless, the interval makes back-to-back ones impossible.
 */
export async function requestRebuild(redis: Redis, activityId: string): Promise<'started' | 'throttled'> {
  const intervalMs = config().ACTIVITY_REBUILD_INTERVAL_SECONDS * 1000;
  if ((await redis.set(drawKeys(activityId).rebuildThrottle, '1', 'PX', intervalMs, 'NX')) !== 'OK') return 'throttled';
  void rebuildActivityState(redis, activityId).catch((err: unknown) =>
    log.error('activity rebuild failed', { activityId, ...errorFields(err) }),
  );
  return 'started';
}

/**
 * Builds the activity's hot state from PostgreSQL unless it is there. `graceMs`: how long draws
 * decided just before a loss get to land first (none when publishing: nothing was drawn yet).
 */
export async function rebuildActivityState(
  redis: Redis,
  activityId: string,
  { graceMs = 500, now = Date.now(), reason = 'lost' }: BuildOptions = {},
): Promise<RebuildOutcome> {
  const k = drawKeys(activityId);
  const lock = await tryAcquireLock(redis, k.rebuildLock, 120_000);
  if (!lock) return 'busy';
  try {
    for (let pass = 1; ; pass++) {
      // From here on, a change that finds no state marks it: this pass's snapshot may predate it.
      const [, present] = (await redis.multi().del(k.changedWhileMissing).exists(k.cfg).exec()) ?? [];
      if (present?.[1] === 1) return 'present';
      // Draws decided just before the loss may still be in their group commit: let them land
      // (those that do not are refused by the generation check and retried by their users).
      if (pass === 1 && graceMs > 0) await sleep(graceMs);
      const outcome = await buildOnce(redis, activityId, now, reason);
      if (outcome !== 'changed') return outcome;
      if (pass === MAX_PASSES) throw new Error(`activity ${activityId}: the records changed during ${pass} rebuilds`);
      log.info('a change landed while the activity state was rebuilt; reading the records again', { activityId, pass });
    }
  } finally {
    await releaseLock(redis, lock).catch(() => undefined);
  }
}

/**
 * One read of the records and one write of the state, made while the transaction that read them
 * holds the activity row: a change to the activity waits for the state to be written, then
 * writes into it. The state is shown after the commit, unless a change committed in between
 * marked it ('changed': read again).
 */
async function buildOnce(
  redis: Redis,
  activityId: string,
  now: number,
  reason: BuildReason,
): Promise<'rebuilt' | 'changed' | 'not-published' | 'missing'> {
  const lost = reason === 'lost';
  const built = await db.$transaction(
    async (tx) => {
      const data = await readSnapshot(tx, activityId, now);
      if (data === 'missing' || data === 'not-published') return data;
      if (lost) log.warn('rebuilding activity state from PostgreSQL', { activityId, epoch: data.snapshot.stateEpoch });
      await writeSnapshot(redis, data, now);
      return data;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  if (built === 'missing' || built === 'not-published') return built;
  if (!(await showActivityState(redis, built.snapshot, built.committedSeq))) return 'changed';
  if (lost) log.warn('activity state rebuilt', { activityId, users: built.users.length, recent: built.recent.length });
  return 'rebuilt';
}

/** Everything but the config: users' counters, recent idempotent results, stock and issued. */
async function writeSnapshot(redis: Redis, data: Snapshot, now: number) {
  const { snapshot, byPrize, byTier, users, recent, today, codes } = data;
  const k = drawKeys(snapshot.id);
  const userExpiry = Math.floor(snapshot.endsAt.getTime() / 1000) + 7 * 86400;
  for (let i = 0; i < users.length; i += PIPELINE_CHUNK) {
    const p = redis.pipeline();
    for (const u of users.slice(i, i + PIPELINE_CHUNK)) {
      const key = k.user(u.userId);
      const counters = { total: u.total, wins: u.wins, used: u.used, granted: u.granted };
      const ofToday = { [`d:${today}`]: u.today, [`f:${today}`]: u.freeToday };
      p.del(key)
        .hset(key, { ...counters, ...ofToday })
        .expireat(key, userExpiry)
        .sadd(k.users, u.userId);
    }
    await p.exec();
  }
  if (users.length) await redis.expireat(k.users, userExpiry);
  for (let i = 0; i < recent.length; i += PIPELINE_CHUNK) {
    const p = redis.pipeline();
    for (const { record, createdAt } of recent.slice(i, i + PIPELINE_CHUNK)) {
      const ttl = Math.max(60, Math.floor((createdAt.getTime() + IDEMPOTENCY_TTL_SECONDS * 1000 - now) / 1000));
      p.set(k.idem(record.u, record.k), JSON.stringify(record), 'EX', ttl);
    }
    await p.exec();
  }
  await writeActivityCounts(redis, snapshot, {
    byPrize: new Map(byPrize.map((r) => [r.prizeId, Number(r.n)])),
    byTier: new Map(byTier.map((r) => [r.tierId, Number(r.n)])),
    codes,
  });
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
type Snapshot = Exclude<Awaited<ReturnType<typeof readSnapshot>>, 'missing' | 'not-published'>;

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
  // After the bump: no draw of an older generation commits any more, so this is the last figure.
  const committedSeq = Number(
    (await tx.activityDrawSeq.findUnique({ where: { activityId }, select: { committed: true } }))?.committed ?? 0,
  );
  const [byPrize, byTier] = await Promise.all([
    tx.$queryRaw<{ prizeId: string; n: bigint }[]>`
      SELECT "prizeId"::text AS "prizeId", sum(quantity)::bigint AS n FROM "Win"
      WHERE "activityId" = ${activityId}::uuid AND status <> 'VOID' GROUP BY "prizeId"`,
    tx.$queryRaw<{ tierId: string; n: bigint }[]>`
      SELECT "tierId"::text AS "tierId", count(DISTINCT "drawId")::bigint AS n FROM "Win"
      WHERE "activityId" = ${activityId}::uuid AND status <> 'VOID' GROUP BY "tierId"`,
  ]);
  const today = localDay(snapshot.timezone, now);
  const users = await tx.$queryRaw<
    { userId: string; total: number; wins: number; used: number; today: number; freeToday: number; granted: number }[]
  >`
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
  // Like the issued counts, after the bump: codes of draws still in flight from the lost state
  // are taken here only if their rows made it in before it.
  const codes = await unissuedCodes(tx, activityId);

  return { snapshot, byPrize, byTier, users, recent, today, committedSeq, codes };
}
