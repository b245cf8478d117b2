// POST /api/manage/activities/{id}/fairness/rotate: commits a new seed, then reveals the one it
// replaces (docs/fairness.md). Order matters: the hot state names the new seed before the old one
// is revealed, and the draw script refuses a draw made with any seed but the one it names, so no
// draw is ever decided by a seed anyone can read.
import type { ActivityStatus } from '@/generated/prisma/client';
import { publicStatus } from '../activity-status';
import type { Actor } from '../audit/write-audit-log';
import { writeAuditLog } from '../audit/write-audit-log';
import { nowMs } from '../clock';
import { db } from '../db';
import { lockStateEpoch, carryToHotState } from '../draw/write-hot-state';
import { AppError } from '../errors';
import { idOrNotFound } from '../ids';
import { log } from '../log';
import { requestRedis } from '../redis';
import { createActivitySeed, forgetActiveSeed } from '../fairness/activity-seeds';
import { getActivityFairness, type FairnessDto } from '../fairness/get-activity-fairness';

const ROTATABLE: ActivityStatus[] = ['SCHEDULED', 'LIVE', 'PAUSED'];

export async function rotateActivitySeed(
  tenantId: string,
  actor: Actor,
  rawActivityId: string,
  { now = nowMs() }: { now?: number } = {},
): Promise<FairnessDto> {
  const activityId = idOrNotFound(rawActivityId, 'activity');
  const at = new Date(now);
  const { epoch, seedId } = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: ActivityStatus }[]>`
      SELECT status FROM "Activity" WHERE id = ${activityId}::uuid AND "tenantId" = ${tenantId}::uuid
      FOR NO KEY UPDATE`;
    if (!row) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
    if (!ROTATABLE.includes(row.status)) {
      throw new AppError('INVALID_STATE', `the activity is ${publicStatus(row.status)}: its seeds are final`);
    }
    await tx.activitySeed.updateMany({ where: { activityId, activeTo: null }, data: { activeTo: at } });
    const seed = await createActivitySeed(tx, { tenantId, activityId, now: at });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'activity.fairness.rotate',
        objectType: 'Activity',
        objectId: activityId,
        before: null,
        after: { commitment: seed.commitment },
      },
      tx,
    );
    return { epoch: await lockStateEpoch(tx, activityId), seedId: seed.id };
  });
  await carryToHotState(await requestRedis(), activityId, epoch, {
    hash: 'cfg',
    op: 'set',
    fields: { seed: seedId },
  });
  forgetActiveSeed(activityId);
  // Every seed retired and not yet revealed: this one, and any a rotation that died here left.
  const { count } = await db.activitySeed.updateMany({
    where: { activityId, activeTo: { not: null }, revealedAt: null },
    data: { revealedAt: at },
  });
  log.info('fairness seed rotated', { activityId, seedId, revealed: count });
  return getActivityFairness(tenantId, activityId);
}
