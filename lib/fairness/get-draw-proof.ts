// GET /api/v1/draws/{drawId}/proof: everything the draw's owner needs to recompute it
// (docs/fairness.md). Another user's or tenant's draw is not found; a draw made before its
// activity had a seed is NOT_PROVABLE. A fixed winner's draw answers the reservoir step that
// picked them (`fixedWinner`): with the revealed seed and the participant count the whole
// sampling can be replayed, the winner's position among the participants being theirs to check.
import { db } from '../db';
import { drawFairnessOf, isFixedWinnerFairness, type DrawFairness } from './draw-fairness';
import { AppError } from '../errors';
import { idOrNotFound } from '../ids';

/** The fixed-winner draw's idempotency key (lib/fixed-winners/draw-fixed-winners.ts). */
const FIXED_WINNERS_DRAW_KEY = 'fixed-winners';

export type DrawProof = {
  activityId: string;
  userId: string;
  idempotencyKey: string;
  commitment: string;
  /** The counter and number that decided the draw; for a fixed winner, those that put them in the reservoir (null: one of the first N participants, placed without a number). */
  i: number | null;
  r: number | null;
  drawnAt: string;
  timezone: string;
  configVersion: number | null;
  odds: number[];
  pickedTier: number | null;
  fallback: DrawFairness['f'];
  outcome: 'win' | 'lose';
  /** Only on a fixed winner's draw. */
  fixedWinner?: FixedWinnerProof;
};

/** A fixed winner's place in the reservoir sampling (docs/fairness.md, "Fixed winners"). */
export type FixedWinnerProof = {
  /** Participants sampled, in ascending order of user id; winners wanted (N) and drawn (what the stock covered). */
  participants: number;
  wanted: number;
  drawn: number;
  /** This winner's 0-based position among the participants. */
  position: number;
  /** The reservoir slot they kept. */
  slot: number;
  /** When fewer were drawn than wanted: the slot kept in the second sampling, over the reservoir's slots, and its number. */
  subsample: { slot: number; i: number | null; r: number | null } | null;
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
  const fair = drawFairnessOf(draw.fairness);
  if (!fair && draw.idempotencyKey === FIXED_WINNERS_DRAW_KEY)
    throw new AppError(
      'NOT_PROVABLE',
      'this fixed winner was drawn without a committed seed, before fixed winners had proofs',
    );
  if (!fair) throw new AppError('NOT_PROVABLE', 'this draw was made before its activity had a committed seed');
  const seed = await db.activitySeed.findFirst({
    where: { id: fair.s, activityId: draw.activityId },
    select: { commitment: true },
  });
  if (!seed) throw new AppError('NOT_PROVABLE', 'the seed of this draw is not on record');
  const common = {
    activityId: draw.activityId,
    userId: draw.userId,
    idempotencyKey: draw.idempotencyKey,
    commitment: seed.commitment,
    drawnAt: draw.createdAt.toISOString(),
    timezone: draw.activity.timezone,
    configVersion: draw.configVersion,
  };
  if (isFixedWinnerFairness(fair))
    return {
      ...common,
      i: fair.i,
      r: fair.r,
      odds: [],
      pickedTier: 0,
      fallback: 'none',
      outcome: 'win',
      fixedWinner: {
        participants: fair.n,
        wanted: fair.w,
        drawn: fair.c,
        position: fair.p,
        slot: fair.slot,
        subsample: fair.sub,
      },
    };
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
