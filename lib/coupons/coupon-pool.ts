// Which activity pool holds which coupon codes. A coupon prize's units are its codes, so every
// move of its units between the prize's free pool and an activity's pool moves as many codes,
// in the same transaction: reserved at publish (the oldest free codes first) or added straight to a
// live pool (lib/prizes/add-prize-codes.ts), shown to the draw
// with the hot state (lib/draw/rebuild-activity.ts), released when the activity settles. A code
// issued to a win keeps its win for good, a voided one too, so no code is ever handed out twice.
import { AppError } from '../errors';
import type { db } from '../db';

type Tx = Pick<Parameters<Parameters<typeof db.$transaction>[0]>[0], '$queryRaw' | '$executeRaw'>;

/** Moves `quantity` free codes of the prize into the activity's pool, or none (INSUFFICIENT_STOCK). */
export async function reserveCodes(
  tx: Tx,
  { activityId, prizeId, quantity }: { activityId: string; prizeId: string; quantity: number },
): Promise<void> {
  if (quantity <= 0) return;
  const moved = await tx.$executeRaw`
    UPDATE "CouponCode" SET "activityId" = ${activityId}::uuid
    WHERE id IN (
      SELECT id FROM "CouponCode"
      WHERE "prizeId" = ${prizeId}::uuid AND "activityId" IS NULL AND "winId" IS NULL
      ORDER BY "createdAt", id LIMIT ${quantity} FOR UPDATE
    )`;
  if (moved < quantity) {
    throw new AppError('INSUFFICIENT_STOCK', `only ${moved} unused codes of the coupon prize are free`, {
      prizeId,
      needed: quantity,
      available: moved,
    });
  }
}

/** Gives the codes of the activity's pool that no win took back to the prize; how many. */
export async function releaseCodes(tx: Tx, { activityId, prizeId }: { activityId: string; prizeId: string }) {
  return tx.$executeRaw`
    UPDATE "CouponCode" SET "activityId" = NULL
    WHERE "activityId" = ${activityId}::uuid AND "prizeId" = ${prizeId}::uuid AND "winId" IS NULL`;
}

/**
 * The codes the activity's pools hold that no win took, by prize, in the order they are handed
 * out. Read in the rebuild's transaction, after its generation bump: a draw decided by a lost
 * state never commits after that, so its codes are free again here, and a committed one's are not.
 */
export async function unissuedCodes(tx: Tx, activityId: string): Promise<Map<string, string[]>> {
  const rows = await tx.$queryRaw<{ prizeId: string; code: string }[]>`
    SELECT "prizeId"::text AS "prizeId", code FROM "CouponCode"
    WHERE "activityId" = ${activityId}::uuid AND "winId" IS NULL
    ORDER BY "createdAt", id`;
  const byPrize = new Map<string, string[]>();
  for (const r of rows) {
    const list = byPrize.get(r.prizeId) ?? [];
    list.push(r.code);
    byPrize.set(r.prizeId, list);
  }
  return byPrize;
}

/**
 * Issues codes from the activity's pool to wins made outside the draw script (the fixed-winner
 * draw, after the activity's hot state stopped drawing): one per unit, or none (INSUFFICIENT_STOCK).
 */
export async function issueCodes(
  tx: Tx,
  activityId: string,
  wins: { id: string; prizeId: string; quantity: number }[],
): Promise<void> {
  for (const w of wins) {
    const issued = await tx.$executeRaw`
      UPDATE "CouponCode" SET "winId" = ${w.id}::uuid, "issuedAt" = now()
      WHERE id IN (
        SELECT id FROM "CouponCode"
        WHERE "activityId" = ${activityId}::uuid AND "prizeId" = ${w.prizeId}::uuid AND "winId" IS NULL
        ORDER BY "createdAt", id LIMIT ${w.quantity} FOR UPDATE
      )`;
    if (issued < w.quantity) {
      throw new AppError('INSUFFICIENT_STOCK', `the activity's pool has no code left for win ${w.id}`, {
        prizeId: w.prizeId,
      });
    }
  }
}
