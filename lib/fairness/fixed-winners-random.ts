// Fixed winners drawn from the activity's seed (docs/fairness.md): the k-th number asked for is
// derived with m = ["fixed-winners", activityId, i], i counting on from the last number's, so
// anyone holding the revealed seed and the participant list draws the same winners.
import type { KeyObject } from 'node:crypto';
import { db } from '../db';
import { deriveNumber } from './derive-draw-number';
import { decryptSeed } from './seed-cipher';

/**
 * A uniform integer in [0, maxExclusive) per call, as the reservoir sampler asks for them;
 * `lastCounter()` is the counter i of the number it gave last (what a proof names).
 */
export type SeededRandomBelow = ((maxExclusive: number) => number) & { lastCounter: () => number };

export function fixedWinnersRandom(seed: KeyObject | Buffer, activityId: string): SeededRandomBelow {
  let next = 0;
  const random = (maxExclusive: number) => {
    const { i, r } = deriveNumber(seed, ['fixed-winners', activityId], maxExclusive, next);
    next = i + 1;
    return r;
  };
  return Object.assign(random, { lastCounter: () => next - 1 });
}

/** The seed fixed winners are drawn with: the activity's last committed one. Null: it has none. */
export async function fixedWinnersSeed(activityId: string): Promise<{ id: string; seed: Buffer } | null> {
  const row = await db.activitySeed.findFirst({
    where: { activityId },
    orderBy: { activeFrom: 'desc' },
    select: { id: true, encryptedSeed: true },
  });
  return row ? { id: row.id, seed: decryptSeed(row.encryptedSeed) } : null;
}
