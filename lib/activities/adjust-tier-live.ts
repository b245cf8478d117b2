// A tier's odds or stock changed from the live dashboard, after its diff preview. The change
// itself is what PATCH /api/manage/activities/{id}/tiers/{tierId} does
// (lib/activities/patch-tier-or-propose.ts): applied at once, or, under an approval policy that
// covers it, a pending change for another operator to approve. Here we only refuse it when the
// tier is no longer what the operator saw in the preview.
import { AppError } from '../errors';
import type { Actor } from '../audit/write-audit-log';
import { getActivityOrThrow } from './get-activity';
import type { ChangeDto } from './change-dto';
import { patchTierOrPropose } from './patch-tier-or-propose';
import { toMicros } from './schemas';
import type { ActivityDto } from './activity-dto';
import { toPatchTier, type LiveTierAdjustment } from './live-change-schemas';

export type LiveTierChange = { activityId: string; tierId: string; adjustment: LiveTierAdjustment };

export async function adjustTierLive(
  tenantId: string,
  actor: Actor,
  change: LiveTierChange,
): Promise<{ activity: ActivityDto; pendingChange: ChangeDto | null }> {
  const { activityId, tierId, adjustment } = change;
  const activity = await getActivityOrThrow(tenantId, activityId);
  const tier = activity.tiers.find((t) => t.id === tierId);
  if (!tier) throw new AppError('NOT_FOUND', `tier ${tierId} not found`);
  const { expected } = adjustment;
  if (toMicros(tier.probability) !== toMicros(expected.probability) || tier.stock !== expected.stock) {
    throw new AppError(
      'CONFLICT',
      `${tier.name} changed since the preview (now odds ${tier.probability}, stock ${tier.stock}); review the change again`,
    );
  }
  const done = await patchTierOrPropose(tenantId, actor, { activityId, tierId, patch: toPatchTier(adjustment) });
  if (done.status === 200) return { activity: done.body, pendingChange: null };
  return { activity, pendingChange: done.body };
}
