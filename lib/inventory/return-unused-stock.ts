// When an activity ends, each of its pools gives what no win took back to the prize's total
// pool, exactly once: the ledger row carries a unique dedupe key and is written in the same
// transaction as the pools, so a second run (repeat, concurrent, or after a crash) finds the
// row and changes nothing.
import { db } from '../db';
import { drainDrawLog } from '../draw/drain-draw-log';
import { fixedWinnersDrawn } from '../fixed-winners/draw-fixed-winners';
import { enqueue } from '../queues';
import { requestRedis } from '../redis';
import { withPrizeLocks } from '../locks/prize-lock';

export type ReturnResult = { prizeId: string; returned: number; alreadyReturned: boolean }[];

export async function returnUnusedStock(activityId: string): Promise<ReturnResult> {
  const activity = await db.activity.findUnique({ where: { id: activityId }, select: { tenantId: true, status: true, fixedWinners: true, stocks: { select: { prizeId: true } } } });
  if (!activity || activity.status !== 'ENDED') return [];
  // A fixed-winner draw takes its units from the pools first; its job returns the rest after.
  if (activity.fixedWinners !== null && !(await fixedWinnersDrawn(activityId))) {
    await enqueue('fixed-winners', { activityId }, { jobId: `fixed-winners-${activityId}` });
    return [];
  }
  const redis = await requestRedis();
  // Every draw the hot state decided must be a row before "unused" can be known.
  await drainDrawLog(redis, activityId);
  const prizeIds = activity.stocks.map((s) => s.prizeId);
  const result = await withPrizeLocks(redis, prizeIds, async () => {
    const out: ReturnResult = [];
    for (const prizeId of prizeIds.sort()) out.push(await returnOnePool(activity.tenantId, activityId, prizeId));
    return out;
  });
  await db.activity.update({ where: { id: activityId }, data: { stockReturnedAt: new Date() } });
  return result;
}

/** One pool, in one transaction: what a run killed between pools has done completely or not at all. */
export async function returnOnePool(tenantId: string, activityId: string, prizeId: string) {
  const dedupeKey = `return:${activityId}:${prizeId}`;
  return db.$transaction(async (tx) => {
    const done = await tx.stockMovement.findUnique({ where: { dedupeKey }, select: { returnedDelta: true } });
    if (done) return { prizeId, returned: done.returnedDelta, alreadyReturned: true };
    // Lock the pool row; issued is counted from the Win rows, the record of what was awarded.
    const [pool] = await tx.$queryRaw<{ reserved: number; returned: number }[]>`
      SELECT reserved, returned FROM "ActivityStock" WHERE "activityId" = ${activityId}::uuid AND "prizeId" = ${prizeId}::uuid FOR UPDATE`;
    const [counted] = await tx.$queryRaw<{ issued: number }[]>`
      SELECT coalesce(sum(quantity), 0)::int AS issued FROM "Win" WHERE "activityId" = ${activityId}::uuid AND "prizeId" = ${prizeId}::uuid AND status <> 'VOID'`;
    const issued = counted!.issued;
    const unused = pool!.reserved - issued - pool!.returned;
    await tx.stockMovement.create({
      data: { tenantId, prizeId, activityId, kind: 'RETURN', poolDelta: unused, returnedDelta: unused, reason: 'activity ended', actorType: 'SYSTEM', actorId: 'stock-return', dedupeKey },
    });
    await tx.activityStock.update({
      where: { activityId_prizeId: { activityId, prizeId } },
      data: { issued, returned: { increment: unused }, version: { increment: 1 } },
    });
    await tx.prize.update({ where: { id: prizeId }, data: { availableStock: { increment: unused }, version: { increment: 1 } } });
    return { prizeId, returned: unused, alreadyReturned: false };
  });
}
