// Whether FAIRNESS_KEY reads the seeds: the newest seed still in use is decrypted once. A key that
// is not the one the seeds were made with stops every seeded draw (FAIRNESS_SEED_UNREADABLE), so
// /api/health lists it and the workers say so when they start.
import { db } from '../db';
import { AppError } from '../errors';
import { decryptSeed, UNREADABLE_SEED_MESSAGE } from './seed-cipher';

export type FairnessKeyWarning = { check: 'fairness'; code: 'FAIRNESS_SEED_UNREADABLE'; message: string };

export async function fairnessKeyWarnings(): Promise<FairnessKeyWarning[]> {
  const seed = await db.activitySeed.findFirst({
    where: { activeTo: null, revealedAt: null },
    orderBy: { activeFrom: 'desc' },
    select: { encryptedSeed: true },
  });
  if (!seed) return [];
  try {
    decryptSeed(seed.encryptedSeed);
    return [];
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return [{ check: 'fairness', code: 'FAIRNESS_SEED_UNREADABLE', message: UNREADABLE_SEED_MESSAGE }];
  }
}
