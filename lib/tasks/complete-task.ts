// POST /api/v1/activities/{activityId}/tasks/{taskId}/complete: a client-side task (daily
// sign-in, share) done once more; grants its chances within the per-day and total caps.
import type { EndUser } from '../auth/user-token';
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { applyGrantsToRedis, insertCappedGrant, lockLiveActivity } from './grant-chances';
import { nowMs } from '../clock';

/** Tasks the user's own client may report; the others are proven by the host app's server. */
const CLIENT_TASK_KINDS = new Set(['SIGN_IN', 'SHARE']);

export async function completeTask(user: EndUser, activityId: string, taskId: string, now = nowMs()) {
  const task =
    isUuid(activityId) && isUuid(taskId)
      ? await db.task.findFirst({
          where: { id: taskId, activityId, tenantId: user.tenantId, activity: { status: { not: 'DRAFT' } } },
          select: {
            id: true,
            tenantId: true,
            activityId: true,
            kind: true,
            confirmBy: true,
            chances: true,
            perDay: true,
            total: true,
            removedAt: true,
          },
        })
      : null;
  if (!task) throw new AppError('NOT_FOUND', `task ${taskId} not found`);
  if (task.removedAt)
    throw new AppError('TASK_REMOVED', 'this task was taken out of the activity; it grants no more chances');
  if (!CLIENT_TASK_KINDS.has(task.kind))
    throw new AppError('INVALID_STATE', 'this task is completed by the host app, not by the client');
  if (task.confirmBy === 'event')
    throw new AppError(
      'TASK_CONFIRMED_BY_HOST',
      'this share counts when the host app confirms it (share_confirmed), not when the client reports it',
    );

  const { grant, progress } = await db.$transaction(
    async (tx) => {
      const activity = await lockLiveActivity(tx, user.tenantId, activityId, now);
      if (!activity) throw new AppError('ACTIVITY_NOT_LIVE', 'the activity is not open now');
      return insertCappedGrant(tx, { task, activity, userId: user.userId, source: 'TASK' });
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
  if (!grant)
    throw new AppError(
      'TASK_CAP_REACHED',
      progress.remainingToday === 0 && task.total !== null && progress.doneTotal >= task.total
        ? 'this task has been done as often as it counts'
        : 'this task has been done as often as it counts today',
      { doneToday: progress.doneToday, doneTotal: progress.doneTotal },
    );
  await applyGrantsToRedis([grant]);
  return {
    taskId: task.id,
    chancesGranted: grant.chances,
    doneToday: progress.doneToday,
    remainingToday: progress.remainingToday,
  };
}
