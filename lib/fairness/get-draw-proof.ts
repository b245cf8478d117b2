// GET /api/v1/draws/{drawId}/proof: everything the draw's owner needs to recompute it
// (docs/fairness.md). Another user's or tenant's draw is not found; a draw made before its
// activity had a seed is NOT_PROVABLE.
import { db } from '../db';
import type { DrawFairness } from './draw-fairness';
import { AppError } from '../errors';
import { idOrNotFound } from '../ids';

export type DrawProof = {
  activityId: string;
  userId: string;
  idempotencyKey: string;
  commitment: string;
  i: number;
  r: number;
  drawnAt: string;
  timezone: string;
  configVersion: number | null;
  odds: number[];
  pickedTier: number | null;
  fallback: DrawFairness['f'];
  outcome: 'win' | 'lose';
};

export async function getDrawProof(user: { tenantId: string; userId: string }, rawDrawId: string): Promise<DrawProof> {
  const drawId = idOrNotFound(rawDrawId, 'draw');
  const draw = await db.draw.findFirst({
    where: { id: drawId, tenantId: user.tenantId, userId: user.userId },
    select: {
      activityId: true,
      userId: true,
      idempotencyKey: true,
      outcome: true,
      configVersion: true,
      createdAt: true,
      fairness: true,
      activity: { select: { timezone: true } },
    },
  });
  if (!draw) throw new AppError('NOT_FOUND', `draw ${drawId} not found`);
  const fair = draw.fairness as DrawFairness | null;
  if (!fair) throw new AppError('NOT_PROVABLE', 'this draw was made before its activity had a committed seed');
  const seed = await db.activitySeed.findFirst({
    where: { id: fair.s, activityId: draw.activityId },
    select: { commitment: true },
  });
  if (!seed) throw new AppError('NOT_PROVABLE', 'the seed of this draw is not on record');
  return {
    activityId: draw.activityId,
    userId: draw.userId,
    idempotencyKey: draw.idempotencyKey,
    commitment: seed.commitment,
    i: fair.i,
    r: fair.r,
    drawnAt: draw.createdAt.toISOString(),
    timezone: draw.activity.timezone,
    configVersion: draw.configVersion,
    odds: fair.o,
    pickedTier: fair.t,
    fallback: fair.f,
    outcome: draw.outcome === 'WIN' ? 'win' : 'lose',
  };
}
