// PATCH /api/manage/activities/{id}: move an activity's period, also once published.
// The records change first (version-checked, audited), then the hot state's period (the
// draw enforces it from the next draw on), then the lifecycle jobs are queued for the new
// times. Jobs queued for the old times re-read the activity when they fire and do nothing
// or reschedule themselves (lib/activities/lifecycle.ts), so no transition is missed or doubled.
import type { ActivityStatus } from '@/generated/prisma/client';
import { hasEnded } from '../activity-status';
import { db } from '../db';
import { AppError } from '../errors';
import { recordConfigVersion } from './config-versions';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import { requestRedis } from '../redis';
import { drawKeys } from '../draw/keys';
import { carryToHotState, lockStateEpoch } from '../draw/write-hot-state';
import { getActivityOrThrow } from './get-activity';
import { scheduleLifecycle } from './schedule-lifecycle';
import type { ActivityDto } from './activity-dto';
import type { PatchActivity } from './schemas';
import { nowMs } from '../clock';

const MAX_PERIOD_MS = 366 * 24 * 3600 * 1000;
/** The draw keeps a user's counters this long after the end (draw-batch-v.lua's EXPIREAT). */
const USER_STATE_GRACE_S = 7 * 86400;

export type PeriodChange = {
  activityId: string;
  patch: PatchActivity;
  /** The clock the new period is judged against (tests pass their own). */
  now?: number;
};

export async function changeActivityPeriod(tenantId: string, actor: Actor, change: PeriodChange): Promise<ActivityDto> {
  const { activityId, patch, now = nowMs() } = change;
  const a = isUuid(activityId)
    ? await db.activity.findFirst({
        where: { id: activityId, tenantId },
        select: { id: true, status: true, startsAt: true, endsAt: true, version: true },
      })
    : null;
  if (!a) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  const startsAt = patch.startsAt ? new Date(patch.startsAt) : a.startsAt;
  const endsAt = patch.endsAt ? new Date(patch.endsAt) : a.endsAt;
  refuseBadPeriod({ status: a.status, oldStart: a.startsAt, startsAt, endsAt, now });

  const { configVersion, epoch } = await db.$transaction(async (tx) => {
    const r = await tx.activity.updateMany({
      where: { id: a.id, version: a.version },
      data: { startsAt, endsAt, version: { increment: 1 }, configVersion: { increment: 1 } },
    });
    if (r.count !== 1) throw new AppError('CONFLICT', 'the activity changed meanwhile; reload and try again');
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'activity.period',
        objectType: 'Activity',
        objectId: a.id,
        before: { startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString() },
        after: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
      },
      tx,
    );
    const summary = `period: ${a.startsAt.toISOString()} – ${a.endsAt.toISOString()} → ${startsAt.toISOString()} – ${endsAt.toISOString()}`;
    const { version } = await recordConfigVersion(tx, { tenantId, activityId: a.id, actor, summary });
    return { configVersion: version, epoch: await lockStateEpoch(tx, a.id) };
  });

  if (a.status !== 'DRAFT') {
    const fields = {
      startsAt: String(startsAt.getTime()),
      endsAt: String(endsAt.getTime()),
      version: String(configVersion),
    };
    await carryToHotState(await requestRedis(), a.id, epoch, { hash: 'cfg', op: 'set', fields });
    if (endsAt > a.endsAt) await keepUserStateUntil(a.id, endsAt);
    await scheduleLifecycle(a.id, now);
  }
  return getActivityOrThrow(tenantId, a.id);
}

type PeriodCheck = { status: ActivityStatus; oldStart: Date; startsAt: Date; endsAt: Date; now: number };

function refuseBadPeriod({ status, oldStart, startsAt, endsAt, now }: PeriodCheck) {
  const invalid = (path: string, message: string) =>
    new AppError('VALIDATION_FAILED', `${path} ${message}`, { issues: [{ path, message }] });
  if (hasEnded(status)) throw new AppError('INVALID_STATE', 'the activity has ended; its period can no longer change');
  if (endsAt <= startsAt) throw invalid('endsAt', 'must be after startsAt');
  if (endsAt.getTime() - startsAt.getTime() > MAX_PERIOD_MS) throw invalid('endsAt', 'a period is at most a year');
  if (status === 'DRAFT') return;
  // A published activity's end is ended by hand (POST .../end), not by a period in the past.
  if (endsAt.getTime() <= now) throw invalid('endsAt', 'must be in the future; to stop now, end the activity');
  // A started activity cannot be un-started: users have drawn under the old start.
  if (
    (status === 'LIVE' || status === 'PAUSED') &&
    startsAt.getTime() !== oldStart.getTime() &&
    startsAt.getTime() > now
  ) {
    throw invalid('startsAt', 'cannot move into the future once the activity has started');
  }
}

/**
 * A later end must not let users' counters (draws today, free draws used) expire mid-period.
 * Only this activity's users are touched: the draw keeps their ids in a set of their own.
 */
async function keepUserStateUntil(activityId: string, endsAt: Date) {
  const redis = await requestRedis();
  const k = drawKeys(activityId);
  const expireAt = Math.floor(endsAt.getTime() / 1000) + USER_STATE_GRACE_S;
  let cursor = '0';
  do {
    const [next, userIds] = await redis.sscan(k.users, cursor, 'COUNT', 1000);
    cursor = next;
    const m = redis.pipeline();
    for (const userId of userIds) m.expireat(k.user(userId), expireAt, 'GT');
    if (cursor === '0') m.expireat(k.users, expireAt, 'GT');
    await m.exec();
  } while (cursor !== '0');
}
