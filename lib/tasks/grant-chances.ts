// Chances a task earns, in two steps that survive a crash between them (so that
// granted − consumed = remaining, per user):
// 1. PostgreSQL: the ChanceGrant ledger row, under the activity row's share lock and a per
//    (task, user) advisory lock, so per-day and total caps hold under any concurrency and a
//    dedupe key makes a repeated delivery a no-op;
// 2. Redis: only the transaction that inserted the row adds it to `granted`, and only when the
//    hot state is the generation that could not have read it (add-granted-4.lua). A rebuild
//    (lib/draw/rebuild-activity.ts) takes the activity row exclusively and reads the ledger,
//    so a row is counted by exactly one of the two (a rebuild whose read came first is told to
//    read again). A process killed between 1 and 2 leaves the user short until the next
//    rebuild, never over.
// Its statements are prepared once per connection (named): planned on every call, they would cost
// PostgreSQL more than a completion's whole work (bench:tasks).
import type { Sql } from '../db';
import { defineScript, loadLuaScript, requestRedis } from '../redis';
import { drawKeys } from '../draw/keys';
import { localDay } from '../draw/local-day';
import { markDirty, STATS_PASSES } from '../workers/dirty-activities';
import { forgetUserRecords } from '../read-cache/user-records-cache';

const addGrantedScript = loadLuaScript('lib/tasks/lua', 'add-granted-4.lua');

export type GrantableTask = {
  id: string;
  tenantId: string;
  activityId: string;
  chances: number;
  perDay: number | null;
  total: number | null;
};

export type LiveActivityLock = { id: string; stateEpoch: number; day: string };

/**
 * The activity's columns a grant needs, as ActivityRow: its period as epoch ms, since the columns
 * hold UTC without a zone, which node-postgres would read as local time. `a` is the Activity.
 */
export const ACTIVITY_COLUMNS = `a.id::text AS "activityId", a.status::text AS status,
  extract(epoch FROM a."startsAt")::float8 * 1000 AS "startsAt", extract(epoch FROM a."endsAt")::float8 * 1000 AS "endsAt",
  a.timezone, a."stateEpoch"`;
export type ActivityRow = {
  activityId: string;
  status: string;
  startsAt: number;
  endsAt: number;
  timezone: string;
  stateEpoch: number;
};

/** The activity as a grant holds it; null unless it is LIVE and inside its period now. */
export function liveActivityLock(a: ActivityRow | undefined, now: number): LiveActivityLock | null {
  if (!a || a.status !== 'LIVE' || now < a.startsAt || now >= a.endsAt) return null;
  return { id: a.activityId, stateEpoch: a.stateEpoch, day: localDay(a.timezone, now) };
}

/** Share-locks the activity row; null unless it is LIVE and inside its period now. */
export async function lockLiveActivity(
  sql: Sql,
  tenantId: string,
  activityId: string,
  now: number,
): Promise<LiveActivityLock | null> {
  const { rows } = await sql.query<ActivityRow>({
    name: 'lock-live-activity-1',
    text: `SELECT ${ACTIVITY_COLUMNS} FROM "Activity" a WHERE a.id = $1::uuid AND a."tenantId" = $2::uuid FOR SHARE`,
    values: [activityId, tenantId],
  });
  return liveActivityLock(rows[0], now);
}

/** The advisory lock's key under which one user's completions of one task go one at a time. */
export function grantLockKey(taskId: string, userId: string): string {
  return `grant:${taskId}:${userId}`;
}

export type TaskProgress = { doneToday: number; doneTotal: number; remainingToday: number | null };

export type InsertedGrant = {
  tenantId: string;
  activityId: string;
  userId: string;
  chances: number;
  stateEpoch: number;
};

export type GrantRequest = {
  task: GrantableTask;
  activity: LiveActivityLock;
  userId: string;
  source: 'TASK' | 'EVENT';
  /**
   * For events: makes a repeated delivery a no-op. Without it the key is the completion's slot
   * of the day, unique by construction.
   */
  dedupeKey?: string;
};

/**
 * The grant, if the caps allow it, in one statement after the per-(task, user) lock: it counts
 * what the user has done of the task and inserts the next slot's row only within the caps, so it
 * sees every grant committed before the lock was taken.
 */
const CAPPED_GRANT = `
WITH done AS (
  SELECT count(*) FILTER (WHERE day = $7)::int AS today, count(*)::int AS total
  FROM "ChanceGrant" WHERE "activityId" = $2::uuid AND "userId" = $3 AND "taskId" = $4::uuid
), ins AS (
  INSERT INTO "ChanceGrant" ("tenantId", "activityId", "userId", "taskId", source, chances, day, "dedupeKey")
  SELECT $1::uuid, $2::uuid, $3, $4::uuid, $5::"ChanceSource", $6, $7, coalesce($8, $9 || (done.today + 1))
  FROM done
  WHERE ($10::int IS NULL OR done.today < $10::int) AND ($11::int IS NULL OR done.total < $11::int)
  ON CONFLICT ("dedupeKey") DO NOTHING
  RETURNING 1
)
SELECT today, total, (SELECT count(*) FROM ins)::int AS inserted FROM done`;

type GrantOutcome = { grant: InsertedGrant | null; progress: TaskProgress };

/** Inserts one grant if the caps allow it. */
export async function insertCappedGrant(sql: Sql, request: GrantRequest): Promise<GrantOutcome> {
  await sql.query({
    name: 'grant-lock-1',
    text: `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`,
    values: [grantLockKey(request.task.id, request.userId)],
  });
  return grantWithinCaps(sql, request);
}

/** The same, for a transaction that holds the (task, user) lock already (grantLockKey). */
export async function grantWithinCaps(
  sql: Sql,
  { task, activity, userId, source, dedupeKey }: GrantRequest,
): Promise<GrantOutcome> {
  const { rows } = await sql.query<{ today: number; total: number; inserted: number }>({
    name: 'capped-grant-1',
    text: CAPPED_GRANT,
    values: [
      task.tenantId,
      task.activityId,
      userId,
      task.id,
      source,
      task.chances,
      activity.day,
      dedupeKey ?? null,
      // Without a dedupe key, the completion's slot of the day.
      `task:${task.id}:${userId}:${activity.day}:`,
      task.perDay,
      task.total,
    ],
  });
  const { today, total, inserted } = rows[0]!;
  const before = { doneToday: today, doneTotal: total };
  if (inserted !== 1) return { grant: null, progress: progressOf(task, before) };
  const after = { doneToday: today + 1, doneTotal: total + 1 };
  return {
    grant: {
      tenantId: task.tenantId,
      activityId: task.activityId,
      userId,
      chances: task.chances,
      stateEpoch: activity.stateEpoch,
    },
    progress: progressOf(task, after),
  };
}

/** Step 2, after the commit: each inserted row into Redis once (see the header). */
export async function applyGrantsToRedis(grants: InsertedGrant[]): Promise<void> {
  if (grants.length === 0) return;
  const redis = await requestRedis();
  const add = defineScript(redis, addGrantedScript);
  // The chances, the user's cached records forgotten, the dashboard's mark (it counts chances
  // granted per minute): sent together, they reach Redis in one write (lib/redis.ts), where
  // waiting for each answer in turn cost a round trip apiece. Each touches keys of its own.
  await Promise.all([
    ...grants.map((g) => {
      const k = drawKeys(g.activityId);
      return add([k.cfg, k.user(g.userId), k.changedWhileMissing, k.users], [g.stateEpoch, g.chances, g.userId]);
    }),
    forgetUserRecords(grants),
    markDirty(redis, [...new Set(grants.map((g) => g.activityId))], STATS_PASSES),
  ]);
}

function progressOf(task: GrantableTask, done: { doneToday: number; doneTotal: number }): TaskProgress {
  const caps = [
    task.perDay === null ? Infinity : task.perDay - done.doneToday,
    task.total === null ? Infinity : task.total - done.doneTotal,
  ];
  const remaining = Math.max(0, Math.min(...caps));
  return { ...done, remainingToday: Number.isFinite(remaining) ? remaining : null };
}
