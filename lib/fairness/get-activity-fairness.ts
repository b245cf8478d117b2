// GET /api/v1/activities/{id}/fairness: every seed the activity committed, oldest first, each
// with its bytes once revealed (docs/fairness.md).
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { decryptSeed } from './seed-cipher';
import { FAIRNESS_ALGORITHM } from './derive-draw-number';

export type FairnessDto = {
  algorithm: string;
  seeds: { commitment: string; activeFrom: string; activeTo?: string; seed?: string }[];
};

/** `tenantId` null: any tenant's (the public rules page, which names the activity alone). */
export async function getActivityFairness(tenantId: string | null, activityId: string): Promise<FairnessDto> {
  const activity = isUuid(activityId)
    ? await db.activity.findFirst({
        where: { id: activityId, ...(tenantId !== null ? { tenantId } : {}), status: { not: 'DRAFT' } },
        select: {
          seeds: {
            select: { commitment: true, activeFrom: true, activeTo: true, revealedAt: true, encryptedSeed: true },
            orderBy: { activeFrom: 'asc' },
          },
        },
      })
    : null;
  if (!activity) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  return {
    algorithm: FAIRNESS_ALGORITHM,
    seeds: activity.seeds.map((s) => ({
      commitment: s.commitment,
      activeFrom: s.activeFrom.toISOString(),
      ...(s.activeTo ? { activeTo: s.activeTo.toISOString() } : {}),
      ...(s.revealedAt ? { seed: decryptSeed(s.encryptedSeed).toString('hex') } : {}),
    })),
  };
}
