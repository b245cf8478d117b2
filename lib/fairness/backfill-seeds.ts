// Activities published before seeds existed get one at deploy (`npm run migrate` runs this after
// the SQL migrations): draws from then on are provable, the earlier ones answer NOT_PROVABLE.
// Ended activities get none: nothing is left to draw. Idempotent.
import { db } from '../db';
import { createActivitySeed } from './activity-seeds';

export async function backfillActivitySeeds(now = new Date()): Promise<number> {
  const missing = await db.$queryRaw<{ id: string; tenantId: string }[]>`
    SELECT a.id, a."tenantId" FROM "Activity" a
    WHERE a.status IN ('SCHEDULED', 'LIVE', 'PAUSED')
      AND NOT EXISTS (SELECT 1 FROM "ActivitySeed" s WHERE s."activityId" = a.id AND s."activeTo" IS NULL)`;
  let seeded = 0;
  for (const a of missing) {
    const created = await db.$transaction(async (tx) => {
      // Under the activity's row lock, so a rotation or a second run meanwhile leaves one active seed.
      await tx.$executeRaw`SELECT 1 FROM "Activity" WHERE id = ${a.id}::uuid FOR NO KEY UPDATE`;
      const active = await tx.activitySeed.count({ where: { activityId: a.id, activeTo: null } });
      if (active) return false;
      await createActivitySeed(tx, { tenantId: a.tenantId, activityId: a.id, now });
      return true;
    });
    if (created) seeded++;
  }
  return seeded;
}
