// POST /api/v1/activities/{activityId}/tasks/{taskId}/complete: a client-side task (daily
// sign-in, share) done once more; grants its chances within the per-day and total caps.
import type { EndUser } from '../auth/user-token';
import { pgTransaction } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import {
  ACTIVITY_COLUMNS,
  applyGrantsToRedis,
  grantLockKey,
  grantWithinCaps,
  liveActivityLock,
  type ActivityRow,
} from './grant-chances';
import { nowMs } from '../clock';

/** Tasks the user's own client may report; the others are proven by the host app's server. */
const CLIENT_TASK_KINDS = new Set(['SIGN_IN', 'SHARE']);

type TaskRow = ActivityRow & {
  id: string;
  tenantId: string;
  kind: string;
  confirmBy: string | null;
  chances: number;
  perDay: number | null;
  total: number | null;
  removed: boolean;
};

/**
 * The tenant's task of a published activity, with the activity's row share-locked (lib/tasks/
 * grant-chances.ts) and the user's lock on the task taken, in one statement: a round trip to
 * PostgreSQL costs this process more CPU than anything else a completion does, and Prisma's
 * interactive transaction several times more (docs/draw.md, "Chances a task grants").
 */
const FIND_AND_LOCK = `
SELECT t.id::text, t."tenantId"::text, t.kind::text, t."confirmBy", t.chances, t."perDay", t.total,
       t."removedAt" IS NOT NULL AS removed, ${ACTIVITY_COLUMNS},
       pg_advisory_xact_lock(hashtextextended($4, 0))::text AS locked
FROM "Task" t JOIN "Activity" a ON a.id = t."activityId"
WHERE t.id = $1::uuid AND t."activityId" = $2::uuid AND t."tenantId" = $3::uuid AND a."tenantId" = $3::uuid
  AND a.status <> 'DRAFT'
FOR SHARE OF a`;

export async function completeTask(user: EndUser, activityId: string, taskId: string, now = nowMs()) {
  if (!isUuid(activityId) || !isUuid(taskId)) throw new AppError('NOT_FOUND', `task ${taskId} not found`);
  const { grant, progress, task } = await pgTransaction(async (sql) => {
    const { rows } = await sql.query<TaskRow>({
      name: 'complete-task-find-1',
      text: FIND_AND_LOCK,
      values: [taskId, activityId, user.tenantId, grantLockKey(taskId, user.userId)],
    });
    const task = rows[0];
    if (!task) throw new AppError('NOT_FOUND', `task ${taskId} not found`);
    if (task.removed)
      throw new AppError('TASK_REMOVED', 'this task was taken out of the activity; it grants no more chances');
    if (!CLIENT_TASK_KINDS.has(task.kind))
      throw new AppError('INVALID_STATE', 'this task is completed by the host app, not by the client');
    if (task.confirmBy === 'event')
      throw new AppError(
        'TASK_CONFIRMED_BY_HOST',
        'this share counts when the host app confirms it (share_confirmed), not when the client reports it',
      );
    const activity = liveActivityLock(task, now);
    if (!activity) throw new AppError('ACTIVITY_NOT_LIVE', 'the activity is not open now');
    return { task, ...(await grantWithinCaps(sql, { task, activity, userId: user.userId, source: 'TASK' })) };
  });
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
