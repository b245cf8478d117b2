// PATCH /api/manage/activities/{id}: move an activity's period. A draft's period is written
// directly; a published activity's is a change like any other (lib/activities/apply-change.ts):
// applied at once (200 with the activity) unless the approval policy covers `period`, then
// pending (202 with the change). Applied, the draw enforces the new period from the next draw on
// and the lifecycle jobs are queued for the new times; jobs queued for the old times re-read the
// activity when they fire and do nothing or reschedule themselves (lib/activities/lifecycle.ts),
// so no transition is missed or doubled.
import { hasEnded } from '../activity-status';
import { db } from '../db';
import { AppError } from '../errors';
import { recordConfigVersion } from './config-versions';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import { requestRedis } from '../redis';
import { carryToHotState, lockStateEpoch } from '../draw/write-hot-state';
import { keepUserStateUntil, refuseBadPeriod } from './change-period-rules';
import { getActivityOrThrow } from './get-activity';
import { scheduleLifecycle } from './schedule-lifecycle';
import type { ActivityDto } from './activity-dto';
import type { ChangeDto } from './change-dto';
import { proposeChange } from './propose-change';
import type { PatchActivity } from './schemas';
import { nowMs } from '../clock';

export type PeriodChange = {
  activityId: string;
  patch: PatchActivity;
  /** The clock the new period is judged against (tests pass their own). */
  now?: number;
};

/** A draft's period is written at once; a published activity's becomes a change. */
export async function patchPeriodOrPropose(
  tenantId: string,
  actor: Actor,
  change: PeriodChange,
): Promise<{ status: 200; body: ActivityDto } | { status: 202; body: ChangeDto }> {
  const { activityId, patch } = change;
  const a = isUuid(activityId)
    ? await db.activity.findFirst({ where: { id: activityId, tenantId }, select: { status: true } })
    : null;
  if (!a) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  if (a.status === 'DRAFT') return { status: 200, body: await changeActivityPeriod(tenantId, actor, change) };
  if (hasEnded(a.status))
    throw new AppError('INVALID_STATE', 'the activity has ended; its period can no longer change');
  const proposed = await proposeChange(tenantId, actor, { activityId, input: { patch } });
  if (proposed.status === 'APPLIED') return { status: 200, body: await getActivityOrThrow(tenantId, activityId) };
  return { status: 202, body: proposed };
}

/** A draft's period (a published activity's moves by a change). */
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
