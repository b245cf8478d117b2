// POST /api/manage/prizes/{prizeId}/restock: grow or shrink a prize's total pool. Shrinking
// takes only what no activity holds (available never goes below 0; the CHECK constraint
// backs this up). Under the prize's lock, with a version check, a ledger row and an audit row.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import { withPrizeLocks } from '../inventory/prize-lock';
import { requestRedis } from '../redis';
import { getPrizeOrThrow } from './get-prize';
import type { PrizeDto } from './prize-dto';
import type { Restock } from './schemas';

export async function restockPrize(tenantId: string, actor: Actor, prizeId: string, input: Restock): Promise<PrizeDto> {
  if (!isUuid(prizeId)) throw new AppError('NOT_FOUND', `prize ${prizeId} not found`);
  await withPrizeLocks(await requestRedis(), [prizeId], () =>
      db.$transaction(async (tx) => {
        const prize = await tx.prize.findFirst({ where: { id: prizeId, tenantId }, select: { availableStock: true, version: true } });
        if (!prize) throw new AppError('NOT_FOUND', `prize ${prizeId} not found`);
        if (prize.availableStock + input.quantity < 0) {
          throw new AppError('INSUFFICIENT_STOCK', `only ${prize.availableStock} units are free to take away`, { prizeId, available: prize.availableStock, requested: input.quantity });
        }
        const moved = await tx.prize.updateMany({
          where: { id: prizeId, tenantId, version: prize.version },
          data: { availableStock: { increment: input.quantity }, version: { increment: 1 } },
        });
        if (moved.count !== 1) throw new AppError('CONFLICT', 'the prize changed meanwhile; try again');
        await tx.stockMovement.create({
          data: { tenantId, prizeId, kind: 'RESTOCK', poolDelta: input.quantity, reason: input.reason ?? null, actorType: actor.type, actorId: actor.id },
        });
        await writeAuditLog(tenantId, actor, {
          action: 'prize.restock', objectType: 'Prize', objectId: prizeId,
          before: { available: prize.availableStock }, after: { available: prize.availableStock + input.quantity, reason: input.reason ?? null },
        }, tx);
      }),
  );
  return getPrizeOrThrow(tenantId, prizeId);
}
