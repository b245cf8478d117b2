// The stock-return step of settling an ended activity (lib/activities/settle-activity.ts, which
// runs it after the draw stream is drained and the fixed winners are drawn): each of its pools
// gives what no win took back to the prize's total pool, exactly once. The ledger row carries a
// unique dedupe key and is written with the pools (lib/inventory/move-stock.ts), so a second run
// (repeated, concurrent, or after a crash) finds the row and moves nothing.
import { hasEnded } from '../activity-status';
import { db } from '../db';
import { requestRedis } from '../redis';
import { moveStock } from './move-stock';
import { withPrizeLocks } from '../locks/prize-lock';
import { releaseCodes } from '../coupons/coupon-pool';

export type ReturnResult = { prizeId: string; returned: number; alreadyReturned: boolean }[];

const system = { type: 'SYSTEM', id: 'stock-return' } as const;

export async function returnUnusedStock(activityId: string): Promise<ReturnResult> {
  const activity = await db.activity.findUnique({
    where: { id: activityId },
    select: { tenantId: true, status: true, stocks: { select: { prizeId: true } } },
  });
  if (!activity || !hasEnded(activity.status)) return [];
  const prizeIds = activity.stocks.map((s) => s.prizeId);
  const result = await withPrizeLocks(await requestRedis(), prizeIds, async () => {
    const out: ReturnResult = [];
    for (const prizeId of prizeIds.sort()) out.push(await returnOnePool(activity.tenantId, activityId, prizeId));
    return out;
  });
  await db.activity.updateMany({
    where: { id: activityId, stockReturnedAt: null },
    data: { stockReturnedAt: new Date() },
  });
  return result;
}

/** One pool, in one transaction: what a run killed between pools has done completely or not at all. */
export async function returnOnePool(tenantId: string, activityId: string, prizeId: string) {
  return db.$transaction(async (tx) => {
    // The pool row locked while its rest is counted; issued is counted from the Win rows, the
    // record of what was awarded.
    const [pool] = await tx.$queryRaw<{ reserved: number; returned: number }[]>`
      SELECT reserved, returned FROM "ActivityStock" WHERE "activityId" = ${activityId}::uuid AND "prizeId" = ${prizeId}::uuid FOR UPDATE`;
    const [counted] = await tx.$queryRaw<{ issued: number }[]>`
      SELECT coalesce(sum(quantity), 0)::int AS issued FROM "Win" WHERE "activityId" = ${activityId}::uuid AND "prizeId" = ${prizeId}::uuid AND status <> 'VOID'`;
    const unused = pool!.reserved - counted!.issued - pool!.returned;
    const { moved, deltas } = await moveStock(tx, {
      tenantId,
      prizeId,
      activityId,
      kind: 'RETURN',
      poolDelta: unused,
      returnedDelta: unused,
      issuedFromWins: true,
      reason: 'activity ended',
      actor: system,
      dedupeKey: `return:${activityId}:${prizeId}`,
    });
    // A coupon prize's unused codes go back with its units (a repeat finds none left to release).
    if (moved) await releaseCodes(tx, { activityId, prizeId });
    return { prizeId, returned: deltas.returnedDelta, alreadyReturned: !moved };
  });
}
