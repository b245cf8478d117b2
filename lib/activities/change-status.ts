// POST /api/manage/activities/{id}/pause | resume | end. PostgreSQL first (the record),
// then the hot state, so a draw can never be accepted by Redis for a status the records deny
// for longer than one Redis round trip; a fenced activity is rebuilt with the new status
// before this answers (lib/draw/write-hot-state.ts).
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { requestRedis } from '../redis';
import { carryToHotState, lockStateEpoch } from '../draw/write-hot-state';
import { returnUnusedStock } from '../inventory/return-unused-stock';
import { getActivityOrThrow, getActivityRowOrThrow } from './get-activity';
import { scheduleLifecycle } from './lifecycle';
import type { ActivityDto } from './activity-dto';

type Transition = 'pause' | 'resume' | 'end';
const allowed: Record<Transition, string[]> = { pause: ['LIVE', 'SCHEDULED'], resume: ['PAUSED'], end: ['LIVE', 'PAUSED', 'SCHEDULED'] };

export async function changeActivityStatus(tenantId: string, actor: Actor, activityId: string, transition: Transition, now = Date.now()): Promise<ActivityDto> {
  const a = await getActivityRowOrThrow(tenantId, activityId);
  if (!allowed[transition].includes(a.status)) throw new AppError('INVALID_STATE', `cannot ${transition} an activity that is ${a.status}`);
  const next = transition === 'pause' ? 'PAUSED' : transition === 'end' ? 'ENDED' : a.startsAt.getTime() <= now ? 'LIVE' : 'SCHEDULED';
  const epoch = await db.$transaction(async (tx) => {
    const r = await tx.activity.updateMany({
      where: { id: a.id, tenantId, version: a.version },
      data: { status: next, version: { increment: 1 }, ...(next === 'ENDED' ? { endedAt: new Date(now) } : {}) },
    });
    if (r.count !== 1) return null;
    await writeAuditLog(tenantId, actor, {
      action: `activity.${transition}`, objectType: 'Activity', objectId: a.id,
      before: { status: a.status }, after: { status: next },
    }, tx);
    return lockStateEpoch(tx, a.id);
  });
  if (epoch === null) throw new AppError('CONFLICT', 'the activity changed meanwhile; reload and try again');
  await carryToHotState(await requestRedis(), a.id, epoch, { hash: 'cfg', op: 'set', fields: { status: next } });
  if (next === 'ENDED') await returnUnusedStock(a.id);
  else await scheduleLifecycle(a.id, now);
  return getActivityOrThrow(tenantId, a.id);
}
