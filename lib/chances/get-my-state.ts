// GET /api/v1/activities/{id}/me: the user's chances, draws today, tasks and wins.
// Chances come from the same Redis counters the draw decides on, so the page never promises
// a draw the engine would refuse.
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import type { EndUser } from '../auth/user-token';
import { requestRedis } from '../redis';
import { drawKeys } from '../draw/keys';
import { localDay } from '../draw/local-day';
import { listUserWins } from '../fulfilment/list-user-wins';

export async function getMyState(user: EndUser, activityId: string, now = Date.now()) {
  const activity = isUuid(activityId)
    ? await db.activity.findFirst({
        where: { id: activityId, tenantId: user.tenantId, status: { not: 'DRAFT' } },
        select: { id: true, timezone: true, freeDrawsPerDay: true, maxDrawsPerDay: true, maxDrawsTotal: true, tasks: { select: { id: true, name: true, kind: true, chances: true, perDay: true, total: true }, orderBy: { position: 'asc' } } },
      })
    : null;
  if (!activity) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  const day = localDay(activity.timezone, now);
  const redis = await requestRedis();
  const [drawsToday, freeToday, total, granted, used] = (await redis.hmget(drawKeys(activity.id).user(user.userId), `d:${day}`, `f:${day}`, 'total', 'granted', 'used')).map((v) => Number(v ?? 0)) as [number, number, number, number, number];
  let chances = Math.max(0, activity.freeDrawsPerDay - freeToday) + Math.max(0, granted - used);
  if (activity.maxDrawsPerDay !== null) chances = Math.min(chances, activity.maxDrawsPerDay - drawsToday);
  if (activity.maxDrawsTotal !== null) chances = Math.min(chances, activity.maxDrawsTotal - total);

  const grants = await db.chanceGrant.groupBy({ by: ['taskId', 'day'], where: { activityId, userId: user.userId, taskId: { not: null } }, _count: { _all: true } });
  const tasks = activity.tasks.map((t) => {
    const doneToday = grants.filter((g) => g.taskId === t.id && g.day === day).reduce((s, g) => s + g._count._all, 0);
    const doneTotal = grants.filter((g) => g.taskId === t.id).reduce((s, g) => s + g._count._all, 0);
    const caps = [t.perDay !== null ? t.perDay - doneToday : Infinity, t.total !== null ? t.total - doneTotal : Infinity];
    const remaining = Math.max(0, Math.min(...caps));
    return { id: t.id, name: t.name, kind: t.kind.toLowerCase(), chances: t.chances, doneToday, remainingToday: Number.isFinite(remaining) ? remaining : null };
  });
  const wins = (await listUserWins(user.tenantId, user.userId)).filter((w) => w.activityId === activityId);
  return { chances: Math.max(0, chances), drawsToday, tasks, wins };
}
