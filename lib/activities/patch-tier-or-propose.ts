// PATCH /api/manage/activities/{id}/tiers/{tierId}: applied at once (patchTier) unless the
// tenant's approval policy covers what it moves (odds, stock) on a published activity; then it
// becomes a pending change and the answer is 202 with it.
import type { Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { isUuid } from '../ids';
import { approvalsNeeded, getApprovalPolicy } from './approval-policy';
import type { ActivityDto } from './activity-dto';
import type { ChangeDto } from './change-dto';
import { patchTier, type TierChange } from './patch-tier';
import { proposeChange } from './propose-change';

export async function patchTierOrPropose(
  tenantId: string,
  actor: Actor,
  change: TierChange,
): Promise<{ status: 200; body: ActivityDto } | { status: 202; body: ChangeDto }> {
  const { activityId, tierId, patch } = change;
  const scopes = [
    ...(patch.probability !== undefined ? ['odds'] : []),
    ...(patch.stock !== undefined ? ['stock'] : []),
  ];
  const policy = await getApprovalPolicy(tenantId);
  const activity =
    approvalsNeeded(policy, scopes) > 0 && isUuid(activityId) && isUuid(tierId)
      ? await db.tier.findFirst({
          where: { id: tierId, activityId, tenantId },
          select: { activity: { select: { status: true } } },
        })
      : null;
  const published = activity !== null && ['SCHEDULED', 'LIVE', 'PAUSED'].includes(activity.activity.status);
  if (!published) return { status: 200, body: await patchTier(tenantId, actor, change) };
  const input = { patch: { tiers: [{ id: tierId, ...patch }] } };
  return { status: 202, body: await proposeChange(tenantId, actor, { activityId, input }) };
}
