// The issued counters go back from Redis, where draws count them, to ActivityStock and Tier in
// PostgreSQL: in one statement per table with a version check, never one UPDATE of a hot row
// per draw. Run by the draw-log worker after each drain, and after a refused draw is taken back.
import { db } from '../db';
import { raiseStockAlert } from '../alerts/raise-stock-alert';
import type { Redis } from '../redis';
import { drawKeys } from './keys';

/**
 * Copies Redis's issued counters (absolute values, so repeating is harmless) to PostgreSQL.
 * Rows changed by someone else since they were read are left for the next round.
 */
export async function writeBackIssued(redis: Redis, activityId: string): Promise<number> {
  const k = drawKeys(activityId);
  if (!(await redis.exists(k.cfg))) return 0; // fenced: Redis knows nothing reliable now
  // Rows (with their versions) first, Redis second: a change made in between (a void) bumps
  // the version, so the stale value read before it cannot be written over it.
  const [stocks, tierRows] = await Promise.all([
    db.activityStock.findMany({
      where: { activityId },
      select: { tenantId: true, prizeId: true, issued: true, returned: true, reserved: true, version: true },
    }),
    db.tier.findMany({ where: { activityId }, select: { id: true, issued: true, version: true } }),
  ]);
  const issued = await redis.hgetall(k.issued);
  const prizes: [string, number][] = [];
  const tiers: [string, number][] = [];
  for (const [field, value] of Object.entries(issued)) {
    if (field.startsWith('p:')) prizes.push([field.slice(2), Number(value)]);
    else if (field.startsWith('t:')) tiers.push([field.slice(2), Number(value)]);
  }
  if (prizes.length === 0 && tiers.length === 0) return 0;
  const stockChanges: { id: string; issued: number; version: number }[] = [];
  for (const [prizeId, n] of prizes) {
    const row = stocks.find((s) => s.prizeId === prizeId);
    if (!row || row.issued === n) continue;
    if (n + row.returned > row.reserved) {
      // Issued beyond what the pool holds: the alarm goes off now, and the row keeps its last
      // good figure (the CHECK constraint would refuse it anyway).
      await raiseStockAlert(row.tenantId, activityId, {
        prizeId,
        kind: 'over-issue',
        message: `Redis has issued ${n} units but the pool holds ${row.reserved - row.returned}`,
        details: { issued: n, reserved: row.reserved, returned: row.returned },
      });
      continue;
    }
    stockChanges.push({ id: prizeId, issued: n, version: row.version });
  }
  const tierChanges = tiers.flatMap(([tierId, n]) => {
    const row = tierRows.find((t) => t.id === tierId);
    return row && row.issued !== n ? [{ id: tierId, issued: n, version: row.version }] : [];
  });
  let written = 0;
  if (stockChanges.length) {
    written += await db.$executeRawUnsafe(
      `UPDATE "ActivityStock" s SET issued = v.issued, version = s.version + 1, "updatedAt" = now()
       FROM unnest($2::uuid[], $3::int[], $4::int[]) AS v("prizeId", issued, version)
       WHERE s."activityId" = $1::uuid AND s."prizeId" = v."prizeId" AND s.version = v.version`,
      activityId,
      stockChanges.map((c) => c.id),
      stockChanges.map((c) => c.issued),
      stockChanges.map((c) => c.version),
    );
  }
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
  return written;
}
