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
import { db } from '../db';
import { getApprovalPolicy } from './approval-policy';

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
  /** Why; required for pause and end under an approval policy (lib/activities/approval-policy.ts). */
  reason?: string;
};

/**
 * Pause and end are the break-glass path: they never wait for approvals, but under an approval
 * policy they must say why, and they raise an alert beside the audit entry.
 */
async function breakGlass(tenantId: string, change: StatusChange): Promise<boolean> {
  if (change.transition === 'resume') return false;
  if ((await getApprovalPolicy(tenantId)).required === 0) return false;
  if (!change.reason) {
    const message = `a reason is required to ${change.transition} an activity under the approval policy`;
    throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'reason', message }] });
  }
  return true;
}

export async function changeActivityStatus(tenantId: string, actor: Actor, change: StatusChange): Promise<ActivityDto> {
  const { activityId, transition, now = nowMs(), reason } = change;
  const a = await getActivityRowOrThrow(tenantId, activityId);
  const glass = await breakGlass(tenantId, change);
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
    ...(reason !== undefined || glass
      ? { audit: { reason: reason ?? null, ...(glass ? { breakGlass: true } : {}) } }
      : {}),
    now,
  });
  if (!outcome.applied) throw new AppError('CONFLICT', 'the activity changed meanwhile; reload and try again');
  if (glass) {
    await db.alert.create({
      data: {
        tenantId,
        activityId: a.id,
        kind: `activity.${transition}`,
        severity: 'WARNING',
        message: `${a.name}: ${transition === 'pause' ? 'paused' : 'ended'} without approval (break-glass): ${reason}`,
        details: { actorType: actor.type, actorId: actor.id, reason: reason ?? null },
      },
    });
  }
  if (to === 'ENDED' && a.fixedWinners === null) await settleActivity(a.id);
  return getActivityOrThrow(tenantId, a.id);
}
