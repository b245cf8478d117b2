// An activity's fairness seeds (docs/fairness.md): one active at a time, committed when made,
// encrypted at rest, revealed at the end or on rotation. Only this module decrypts a seed; the
// draw gets it through activeSeed() and keeps it in process memory, never in Redis, a log or
// a response before its reveal.
import { randomBytes } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { timeOrderedId } from '../ids';
import { log } from '../log';
import { commitmentOf, decryptSeed, encryptSeed } from './seed-cipher';
import { seedMac, type SeedMac } from './seed-mac';

type Tx = Prisma.TransactionClient;

/** Commits a fresh seed for the activity, active from `now`. The caller's transaction holds the activity row. */
export async function createActivitySeed(
  tx: Tx,
  { tenantId, activityId, now }: { tenantId: string; activityId: string; now: Date },
): Promise<{ id: string; commitment: string }> {
  const seed = randomBytes(32);
  const row = {
    id: timeOrderedId(),
    tenantId,
    activityId,
    commitment: commitmentOf(seed),
    encryptedSeed: encryptSeed(seed),
    activeFrom: now,
  };
  await tx.activitySeed.create({ data: row, select: { id: true } });
  log.info('fairness seed committed', { activityId, seedId: row.id, commitment: row.commitment });
  return { id: row.id, commitment: row.commitment };
}

/** Reveals every seed of the activity not revealed yet (the end): none can decide a draw again. */
export async function revealActivitySeeds(activityId: string, now = new Date(), tx: Tx | typeof db = db) {
  await tx.activitySeed.updateMany({ where: { activityId, activeTo: null }, data: { activeTo: now } });
  const { count } = await tx.activitySeed.updateMany({
    where: { activityId, revealedAt: null },
    data: { revealedAt: now },
  });
  forgetActiveSeed(activityId);
  if (count) log.info('fairness seeds revealed', { activityId, seeds: count });
}

/** The seed a draw of this process uses: its id, its HMAC (the key's blocks hashed once), and its commitment. */
type ActiveSeed = { id: string; mac: SeedMac; commitment: string };

/** An activity without a seed is asked again after this long (a backfill may give it one). */
const NO_SEED_CACHE_MS = 5_000;
const cache = new Map<string, { at: number; seed: Promise<ActiveSeed | null> }>();

/**
 * The activity's active seed, read from PostgreSQL once per process and kept in memory. The
 * draw script refuses a draw made with a seed other than the one its hot state names
 * (STALE_SEED, with that seed's id): the caller then asks for that one (`wanted`).
 */
export function activeSeed(activityId: string, wanted?: string, now = Date.now()): Promise<ActiveSeed | null> {
  const hit = cache.get(activityId);
  if (!wanted && hit && (hit.at < 0 || (now >= hit.at && now - hit.at < NO_SEED_CACHE_MS))) return hit.seed;
  const seed = loadActiveSeed(activityId, wanted);
  const entry = { at: now, seed };
  if (cache.size > 10_000) cache.clear();
  cache.set(activityId, entry);
  seed.then(
    (s) => {
      // A seed stays until it is refused; none is asked for again after a while.
      if (s && cache.get(activityId) === entry) entry.at = -1;
    },
    () => {
      if (cache.get(activityId) === entry) cache.delete(activityId);
    },
  );
  return seed;
}

export function forgetActiveSeed(activityId: string) {
  cache.delete(activityId);
}

async function loadActiveSeed(activityId: string, id?: string): Promise<ActiveSeed | null> {
  // Never one already revealed: a draw with a known seed could be chosen to win.
  const row = await db.activitySeed.findFirst({
    where: id ? { id, activityId, revealedAt: null } : { activityId, activeTo: null, revealedAt: null },
    select: { id: true, commitment: true, encryptedSeed: true },
    orderBy: { activeFrom: 'desc' },
  });
  if (!row) return null;
  return { id: row.id, mac: seedMac(decryptSeed(row.encryptedSeed)), commitment: row.commitment };
}
