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
import { db } from '../db';
import { defineScript, loadLuaScript, requestRedis } from '../redis';
import { drawKeys } from '../draw/keys';
import { localDay } from '../draw/local-day';
import { markDirty, STATS_PASSES } from '../workers/dirty-activities';
import { forgetUserRecords } from '../read-cache/user-records-cache';

const addGrantedScript = loadLuaScript('lib/tasks/lua', 'add-granted-4.lua');

export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

export type GrantableTask = {
  id: string;
  tenantId: string;
  activityId: string;
  chances: number;
  perDay: number | null;
  total: number | null;
};

export type LiveActivityLock = { id: string; stateEpoch: number; day: string };

/** Share-locks the activity row; null unless it is LIVE and inside its period now. */
export async function lockLiveActivity(
  tx: Tx,
  tenantId: string,
  activityId: string,
  now: number,
): Promise<LiveActivityLock | null> {
  const [a] = await tx.$queryRaw<
    { id: string; status: string; startsAt: Date; endsAt: Date; timezone: string; stateEpoch: number }[]
  >`
    SELECT id::text AS id, status::text AS status, "startsAt", "endsAt", timezone, "stateEpoch"
    FROM "Activity" WHERE id = ${activityId}::uuid AND "tenantId" = ${tenantId}::uuid FOR SHARE`;
  if (!a || a.status !== 'LIVE' || now < a.startsAt.getTime() || now >= a.endsAt.getTime()) return null;
  return { id: a.id, stateEpoch: a.stateEpoch, day: localDay(a.timezone, now) };
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

/** Inserts one grant if the caps allow it. */
export async function insertCappedGrant(
  tx: Tx,
  { task, activity, userId, source, dedupeKey }: GrantRequest,
): Promise<{ grant: InsertedGrant | null; progress: TaskProgress }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`grant:${task.id}:${userId}`}, 0))`;
  const before = await countDone(tx, task, userId, activity.day);
  if (!withinCaps(task, before)) return { grant: null, progress: progressOf(task, before) };
  const key = dedupeKey ?? `task:${task.id}:${userId}:${activity.day}:${before.doneToday + 1}`;
  const inserted = await tx.$executeRaw`
    INSERT INTO "ChanceGrant" ("tenantId", "activityId", "userId", "taskId", source, chances, day, "dedupeKey")
    VALUES (${task.tenantId}::uuid, ${task.activityId}::uuid, ${userId}, ${task.id}::uuid, ${source}::"ChanceSource", ${task.chances}, ${activity.day}, ${key})
    ON CONFLICT ("dedupeKey") DO NOTHING`;
  if (inserted !== 1) return { grant: null, progress: progressOf(task, before) };
  const after = { doneToday: before.doneToday + 1, doneTotal: before.doneTotal + 1 };
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
  await Promise.all(
    grants.map((g) => {
      const k = drawKeys(g.activityId);
      return add([k.cfg, k.user(g.userId), k.changedWhileMissing, k.users], [g.stateEpoch, g.chances, g.userId]);
    }),
  );
  await forgetUserRecords(grants);
  // The dashboard counts chances granted per minute.
  await markDirty(redis, [...new Set(grants.map((g) => g.activityId))], STATS_PASSES);
}

async function countDone(tx: Tx, task: GrantableTask, userId: string, day: string) {
  const [row] = await tx.$queryRaw<{ today: number; total: number }[]>`
    SELECT count(*) FILTER (WHERE day = ${day})::int AS today, count(*)::int AS total
    FROM "ChanceGrant" WHERE "activityId" = ${task.activityId}::uuid AND "userId" = ${userId} AND "taskId" = ${task.id}::uuid`;
  return { doneToday: row?.today ?? 0, doneTotal: row?.total ?? 0 };
}

function withinCaps(task: GrantableTask, done: { doneToday: number; doneTotal: number }) {
  return (task.perDay === null || done.doneToday < task.perDay) && (task.total === null || done.doneTotal < task.total);
}

function progressOf(task: GrantableTask, done: { doneToday: number; doneTotal: number }): TaskProgress {
  const caps = [
    task.perDay === null ? Infinity : task.perDay - done.doneToday,
    task.total === null ? Infinity : task.total - done.doneTotal,
  ];
  const remaining = Math.max(0, Math.min(...caps));
  return { ...done, remainingToday: Number.isFinite(remaining) ? remaining : null };
}
