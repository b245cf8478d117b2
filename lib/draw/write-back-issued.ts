// The issued counters go back from Redis, where draws count them, to ActivityStock and Tier in
// PostgreSQL: in one statement per table with a version check, never one UPDATE of a hot row
// per draw. Run by the draw-log worker after each drain, and after a refused draw is taken back.
//
// A pool's count is copied under its prize's lock. A void moves the pool's issued count in
// PostgreSQL (bumping the row's version) and then Redis's, both under that lock; a copy outside
// it could read the row after the first step and Redis before the second, and land the count
// from before the void with a version that still matches. Under the lock it reads both after.
import { db } from '../db';
import { raiseStockAlert } from '../alerts/raise-stock-alert';
import { withPrizeLocks } from '../locks/prize-lock';
import type { Redis } from '../redis';
import { drawKeys } from './keys';

type Counts = { prizes: Map<string, number>; tiers: Map<string, number> };

async function readCounts(redis: Redis, activityId: string): Promise<Counts> {
  const counts: Counts = { prizes: new Map(), tiers: new Map() };
  for (const [field, value] of Object.entries(await redis.hgetall(drawKeys(activityId).issued))) {
    if (field.startsWith('p:')) counts.prizes.set(field.slice(2), Number(value));
    else if (field.startsWith('t:')) counts.tiers.set(field.slice(2), Number(value));
  }
  return counts;
}

const readPools = (activityId: string, prizeIds: string[]) =>
  db.activityStock.findMany({
    where: { activityId, prizeId: { in: prizeIds } },
    select: { tenantId: true, prizeId: true, issued: true, returned: true, reserved: true, version: true },
  });

/**
 * Copies Redis's issued counters (absolute values, so repeating is harmless) to PostgreSQL.
 * Rows changed by someone else since they were read are left for the next round. A caller that
 * already holds some prizes' locks names them in `lockedPrizes`: only those pools are copied.
 */
export async function writeBackIssued(
  redis: Redis,
  activityId: string,
  { lockedPrizes }: { lockedPrizes?: string[] } = {},
): Promise<number> {
  const k = drawKeys(activityId);
  if (!(await redis.exists(k.cfg))) return 0; // fenced: Redis knows nothing reliable now
  // Rows (with their versions) first, Redis second: a change made in between bumps the version,
  // so the stale value read before it cannot be written over it.
  const [pools, tierRows] = await Promise.all([
    db.activityStock.findMany({ where: { activityId }, select: { prizeId: true, issued: true } }),
    db.tier.findMany({ where: { activityId }, select: { id: true, issued: true, version: true } }),
  ]);
  const counts = await readCounts(redis, activityId);
  const tierChanges = [...counts.tiers].flatMap(([tierId, n]) => {
    const row = tierRows.find((t) => t.id === tierId);
    return row && row.issued !== n ? [{ id: tierId, issued: n, version: row.version }] : [];
  });
  let written = 0;
  if (tierChanges.length) {
    written += await db.$executeRawUnsafe(
      `UPDATE "Tier" t SET issued = v.issued, version = t.version + 1, "updatedAt" = now()
       FROM unnest($2::uuid[], $3::int[], $4::int[]) AS v(id, issued, version)
       WHERE t."activityId" = $1::uuid AND t.id = v.id AND t.version = v.version`,
      activityId,
      tierChanges.map((c) => c.id),
      tierChanges.map((c) => c.issued),
      tierChanges.map((c) => c.version),
    );
  }
  const behind = [...counts.prizes]
    .filter(([prizeId, n]) => pools.some((p) => p.prizeId === prizeId && p.issued !== n))
    .map(([prizeId]) => prizeId)
    .filter((prizeId) => !lockedPrizes || lockedPrizes.includes(prizeId));
  if (behind.length === 0) return written;
  const copyPools = async () => {
    const rows = await readPools(activityId, behind);
    const now = await readCounts(redis, activityId);
    return written + (await copyPoolCounts(activityId, rows, now.prizes));
  };
  return lockedPrizes ? copyPools() : withPrizeLocks(redis, behind, copyPools);
}

async function copyPoolCounts(
  activityId: string,
  rows: Awaited<ReturnType<typeof readPools>>,
  counts: Map<string, number>,
): Promise<number> {
  const changes: { id: string; issued: number; version: number }[] = [];
  for (const row of rows) {
    const n = counts.get(row.prizeId);
    if (n === undefined || row.issued === n) continue;
    if (n + row.returned > row.reserved) {
      // Issued beyond what the pool holds: the alarm goes off now, and the row keeps its last
      // good figure (the CHECK constraint would refuse it anyway).
      await raiseStockAlert(row.tenantId, activityId, {
        prizeId: row.prizeId,
        kind: 'over-issue',
        message: `Redis has issued ${n} units but the pool holds ${row.reserved - row.returned}`,
        details: { issued: n, reserved: row.reserved, returned: row.returned },
      });
      continue;
    }
    changes.push({ id: row.prizeId, issued: n, version: row.version });
  }
  if (changes.length === 0) return 0;
  return db.$executeRawUnsafe(
    `UPDATE "ActivityStock" s SET issued = v.issued, version = s.version + 1, "updatedAt" = now()
     FROM unnest($2::uuid[], $3::int[], $4::int[]) AS v("prizeId", issued, version)
     WHERE s."activityId" = $1::uuid AND s."prizeId" = v."prizeId" AND s.version = v.version`,
    activityId,
    changes.map((c) => c.id),
    changes.map((c) => c.issued),
    changes.map((c) => c.version),
  );
}
