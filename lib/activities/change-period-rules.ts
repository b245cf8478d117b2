// The rules a period keeps once published, shared by a draft's period edit and a change that
// moves the period, and what a later end needs in the hot state.
import type { ActivityStatus } from '@/generated/prisma/client';
import { hasEnded } from '../activity-status';
import { drawKeys } from '../draw/keys';
import { AppError } from '../errors';
import { requestRedis } from '../redis';

const MAX_PERIOD_MS = 366 * 24 * 3600 * 1000;
/** The draw keeps a user's counters this long after the end (draw-batch-v.lua's EXPIREAT). */
const USER_STATE_GRACE_S = 7 * 86400;

type PeriodCheck = { status: ActivityStatus; oldStart: Date; startsAt: Date; endsAt: Date; now: number };

export function refuseBadPeriod({ status, oldStart, startsAt, endsAt, now }: PeriodCheck) {
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
export async function keepUserStateUntil(activityId: string, endsAt: Date) {
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
