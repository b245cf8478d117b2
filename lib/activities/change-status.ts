// POST /api/manage/activities/{id}/pause | resume | end, and the console's buttons: the
// transition (lib/activities/transition-activity.ts) from the status and version the caller's
// read found, so a change made meanwhile is a CONFLICT, never overwritten. PostgreSQL first (the
// record), then the hot state, so a draw can never be accepted by Redis for a status the records
// deny for longer than one Redis round trip. Ending settles the activity before it answers
// (lib/activities/settle-activity.ts): its unused stock is back in the total pools then. A
// fixed-winner activity is settled by its job: its draw among every participant can take long,
// and its stock comes back right after.
import type { ActivityStatus } from '@/generated/prisma/client';
import { publicStatus } from '../activity-status';
import { AppError } from '../errors';
import type { Actor } from '../audit/write-audit-log';
import { getActivityOrThrow, getActivityRowOrThrow } from './get-activity';
import { settleActivity } from './settle-activity';
import { repeatFollowThrough, transitionActivity } from './transition-activity';
import type { ActivityDto } from './activity-dto';
import { nowMs } from '../clock';

type Transition = 'pause' | 'resume' | 'end';
const allowed: Record<Transition, ActivityStatus[]> = {
  pause: ['LIVE', 'SCHEDULED'],
  resume: ['PAUSED'],
  end: ['LIVE', 'PAUSED', 'SCHEDULED'],
};

export type StatusChange = {
  activityId: string;
  transition: Transition;
  /** When the change happens: a resume before the start goes back to SCHEDULED. */
  now?: number;
};

export async function changeActivityStatus(tenantId: string, actor: Actor, change: StatusChange): Promise<ActivityDto> {
  const { activityId, transition, now = nowMs() } = change;
  const a = await getActivityRowOrThrow(tenantId, activityId);
  if (!allowed[transition].includes(a.status)) {
    // A retry of a change whose process died between the commit and the follow-through: the
    // record says it is done, so the hot state is told again (harmless if it already knows).
    await repeatFollowThrough(a.id, a.status, now);
    throw new AppError('INVALID_STATE', `cannot ${transition} an activity that is ${publicStatus(a.status)}`);
  }
  const to =
    transition === 'pause'
      ? 'PAUSED'
      : transition === 'end'
        ? 'ENDED'
        : a.startsAt.getTime() <= now
          ? 'LIVE'
          : 'SCHEDULED';
  const outcome = await transitionActivity({
    activityId: a.id,
    tenantId,
    from: [a.status],
    version: a.version,
    to,
    actor,
    action: `activity.${transition}`,
    now,
  });
  if (!outcome.applied) throw new AppError('CONFLICT', 'the activity changed meanwhile; reload and try again');
  if (to === 'ENDED' && a.fixedWinners === null) await settleActivity(a.id);
  return getActivityOrThrow(tenantId, a.id);
}
