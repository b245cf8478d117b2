// POST /api/manage/prizes/{prizeId}/restock: grow or shrink a prize's total pool. Shrinking
// takes only what no activity holds (available never goes below 0; the CHECK constraint
// backs this up). Under the prize's lock, through the ledger's writer (lib/inventory/move-stock.ts),
// with an audit row.
// Growing stops where an integer column would overflow: the units of the prize not yet given
// away (free, plus held in activity pools) stay within int4, so no later return of pool stock
// can overflow the total pool either.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import { moveStock } from '../inventory/move-stock';
import { withPrizeLocks } from '../locks/prize-lock';
import { requestRedis } from '../redis';
import { INT4_MAX } from '../validation/storage-limits';
import { getPrizeOrThrow } from './get-prize';
import type { PrizeDto } from './prize-dto';
import type { Restock } from './schemas';

export async function restockPrize(tenantId: string, actor: Actor, prizeId: string, input: Restock): Promise<PrizeDto> {
  if (!isUuid(prizeId)) throw new AppError('NOT_FOUND', `prize ${prizeId} not found`);
  await withPrizeLocks(await requestRedis(), [prizeId], () =>
    db.$transaction(async (tx) => {
      const select = { availableStock: true, kind: true } as const;
      const prize = await tx.prize.findFirst({ where: { id: prizeId, tenantId }, select });
      if (!prize) throw new AppError('NOT_FOUND', `prize ${prizeId} not found`);
      if (prize.kind === 'COUPON') {
        const message = "a coupon prize's stock is its unused codes: add codes (POST .../codes) instead";
        throw new AppError('INVALID_STATE', message);
      }
      if (prize.availableStock + input.quantity < 0) {
        throw new AppError('INSUFFICIENT_STOCK', `only ${prize.availableStock} units are free to take away`, {
          prizeId,
          available: prize.availableStock,
          requested: input.quantity,
        });
      }
      if (input.quantity > 0) {
        const room = INT4_MAX - prize.availableStock - (await unitsInPools(tx, tenantId, prizeId));
        if (input.quantity > room) throw tooMany(room);
      }
      const reason = input.reason ?? null;
      const restock = { kind: 'RESTOCK', poolDelta: input.quantity, reason } as const;
      const { available } = await moveStock(tx, { tenantId, prizeId, ...restock, actor });
      await writeAuditLog(
        tenantId,
        actor,
        {
          action: 'prize.restock',
          objectType: 'Prize',
          objectId: prizeId,
          before: { available: prize.availableStock },
          after: { available, reason },
        },
        tx,
      );
    }),
  );
  return getPrizeOrThrow(tenantId, prizeId);
}

function tooMany(room: number) {
  const message = `at most ${Math.max(room, 0)} more units fit: a prize holds at most ${INT4_MAX} not yet won`;
  return new AppError('VALIDATION_FAILED', `quantity: ${message}`, { issues: [{ path: 'quantity', message }] });
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Units of the prize that activity pools hold and have not issued or returned. */
async function unitsInPools(tx: Tx, tenantId: string, prizeId: string): Promise<number> {
  const { _sum: sum } = await tx.activityStock.aggregate({
    where: { prizeId, tenantId },
    _sum: { reserved: true, issued: true, returned: true },
  });
  return (sum.reserved ?? 0) - (sum.issued ?? 0) - (sum.returned ?? 0);
}
