// GET /api/v1/activities/{id}/me: the user's chances, draws today, tasks and wins.
// Chances come from the same Redis counters the draw decides on, so the page never promises
// a draw the engine would refuse. The user's own rows (wins, task grants) come from PostgreSQL
// once and are then kept in Redis until a writer of them forgets them (lib/read-cache/
// user-records-cache.ts), so a page's reads wait on PostgreSQL only after a change.
import { batchedReads } from '../batched-reads';
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import type { EndUser } from '../auth/user-token';
import { defineScript, loadLuaScript, requestRedis } from '../redis';
import { drawKeys } from '../draw/keys';
import { localDay } from '../draw/local-day';
import { readUserWinRows, userWinDto, type UserWinRow } from '../fulfilment/list-user-wins';
import {
  fillUserRecords,
  keptUserRecords,
  touchedKey,
  userRecordsKey,
  type UserRecordsOwner,
  type UserRecordsRead,
} from '../read-cache/user-records-cache';
import { nowMs } from '../clock';
import { orUntranslated, pickTranslation, type SpecTranslation } from '../i18n/translate';

const readMyStateScript = loadLuaScript('lib/chances/lua', 'read-my-state-4.lua');

const activitySelect = {
  id: true,
  translations: true,
  timezone: true,
  freeDrawsPerDay: true,
  maxDrawsPerDay: true,
  maxDrawsTotal: true,
  configVersion: true,
  tasks: {
    where: { removedAt: null },
    select: { id: true, name: true, kind: true, confirmBy: true, chances: true, perDay: true, total: true },
    orderBy: { position: 'asc' },
  },
} as const;
type MyActivity = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

function findActivity(tenantId: string, activityId: string) {
  const where = { id: activityId, tenantId, status: { not: 'DRAFT' } } as const;
  return db.activity.findFirst({ where, select: activitySelect });
}

// Limits and tasks change seldom and only by an operator, so each process keeps them a few
// seconds, as the draw keeps its view of the activity (lib/draw/activity-state.ts). A change
// moves the version the hot state names, so a kept copy of another version is read again.
const ACTIVITY_CACHE_MS = 5_000;
const activities = new Map<string, { at: number; activity: MyActivity }>();

async function cachedActivity(tenantId: string, activityId: string, now: number): Promise<MyActivity | null> {
  const key = `${tenantId}:${activityId}`;
  const hit = activities.get(key);
  if (hit && now >= hit.at && now - hit.at < ACTIVITY_CACHE_MS) return hit.activity;
  const activity = await findActivity(tenantId, activityId);
  if (!activity) return null;
  if (activities.size > 10_000) activities.clear();
  activities.set(key, { at: now, activity });
  return activity;
}

type GrantCount = { taskId: string; day: string; n: number };

/** Task grants per task and day of many (activity, user) pairs in one statement, row i tagged with i. */
const GRANT_COUNTS = `SELECT q.i::int AS i, g."taskId"::text AS "taskId", g.day, count(*)::int AS n
FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS q(a, u, i)
JOIN "ChanceGrant" g ON g."activityId" = q.a AND g."userId" = q.u AND g."taskId" IS NOT NULL
GROUP BY q.i, g."taskId", g.day`;

const grantCounts = batchedReads<{ activityId: string; userId: string }, GrantCount>(GRANT_COUNTS, (reads) => [
  reads.map((r) => r.activityId),
  reads.map((r) => r.userId),
]);

type MyRecords = { wins: UserWinRow[]; grants: GrantCount[] };

/**
 * The user's wins and task grants here: kept in Redis, or read from PostgreSQL and kept. An
 * activity without tasks has no grants to read; one given tasks later has none until a task
 * grants, which forgets the kept records.
 */
async function myRecords(
  owner: UserRecordsOwner,
  kept: UserRecordsRead<MyRecords>,
  hasTasks: boolean,
): Promise<MyRecords> {
  if (kept.records) return kept.records;
  const [wins, grants] = await Promise.all([
    readUserWinRows(owner.tenantId, owner.userId, { activityId: owner.activityId }),
    hasTasks ? grantCounts.submit({ activityId: owner.activityId, userId: owner.userId }) : [],
  ]);
  const records = { wins, grants };
  await fillUserRecords(owner, kept.stamp, records);
  return records;
}

export async function getMyState(
  user: EndUser,
  activityId: string,
  { languages = [], now = nowMs() }: { languages?: string[]; now?: number } = {},
) {
  let activity = isUuid(activityId) ? await cachedActivity(user.tenantId, activityId, now) : null;
  if (!activity) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  const day = localDay(activity.timezone, now);
  const readMyState = defineScript(await requestRedis(), readMyStateScript);
  const fields = [`d:${day}`, `f:${day}`, 'total', 'granted', 'used'];
  const keys = drawKeys(activity.id);
  const owner = { tenantId: user.tenantId, activityId: activity.id, userId: user.userId };
  // The user's counters, the activity's version and the user's kept task grants and wins, in one call.
  const [counters, version, entry, touched] = (await readMyState(
    [keys.user(user.userId), keys.cfg, userRecordsKey(owner), touchedKey(activity.id)],
    fields,
  )) as [(string | null)[], string | null, (string | null)[], string | null];
  const { wins, grants } = await myRecords(owner, keptUserRecords(entry, touched), activity.tasks.length > 0);
  if (version !== null && Number(version) !== activity.configVersion) {
    activities.delete(`${user.tenantId}:${activity.id}`);
    activity = (await cachedActivity(user.tenantId, activity.id, now)) ?? activity;
  }
  const [drawsToday, freeToday, total, granted, used] = counters.map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  let chances = Math.max(0, activity.freeDrawsPerDay - freeToday) + Math.max(0, granted - used);
  if (activity.maxDrawsPerDay !== null) chances = Math.min(chances, activity.maxDrawsPerDay - drawsToday);
  if (activity.maxDrawsTotal !== null) chances = Math.min(chances, activity.maxDrawsTotal - total);

  const taskNames = pickTranslation<SpecTranslation>(activity.translations, languages)?.text.tasks ?? [];
  const tasks = activity.tasks.map((t, i) => {
    const doneToday = grants.filter((g) => g.taskId === t.id && g.day === day).reduce((s, g) => s + g.n, 0);
    const doneTotal = grants.filter((g) => g.taskId === t.id).reduce((s, g) => s + g.n, 0);
    const caps = [
      t.perDay !== null ? t.perDay - doneToday : Infinity,
      t.total !== null ? t.total - doneTotal : Infinity,
    ];
    const remaining = Math.max(0, Math.min(...caps));
    return {
      id: t.id,
      name: orUntranslated(taskNames[i]?.name, t.name),
      kind: t.kind.toLowerCase(),
      // A share the host app confirms: the page asks the app to share and waits, it cannot complete it.
      ...(t.confirmBy === 'event' ? { confirmBy: 'event' as const } : {}),
      chances: t.chances,
      doneToday,
      remainingToday: Number.isFinite(remaining) ? remaining : null,
    };
  });
  return { chances: Math.max(0, chances), drawsToday, tasks, wins: wins.map((w) => userWinDto(w, languages)) };
}
