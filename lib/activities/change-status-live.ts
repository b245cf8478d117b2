// Pause, resume or end from the live dashboard, after its preview: refused when the activity's
// status is no longer the one the operator saw; otherwise lib/activities/change-status.ts
// (the management API's pause/resume/end, audited) does it.
import { publicStatus } from '../activity-status';
import { AppError } from '../errors';
import type { Actor } from '../audit/write-audit-log';
import { getActivityRowOrThrow } from './get-activity';
import { changeActivityStatus } from './change-status';
import type { ActivityDto } from './activity-dto';
import type { LiveStatusChange } from './live-change-schemas';

export async function changeStatusLive(
  tenantId: string,
  actor: Actor,
  activityId: string,
  change: LiveStatusChange,
): Promise<ActivityDto> {
  const activity = await getActivityRowOrThrow(tenantId, activityId);
  const status = publicStatus(activity.status);
  if (status !== change.expectedStatus) {
    const message = `the activity is ${status} now, not ${change.expectedStatus}; review the change again`;
    throw new AppError('CONFLICT', message);
  }
  return changeActivityStatus(tenantId, actor, { activityId, transition: change.transition });
}
