import { db } from '../db';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { moveStock } from '../inventory/move-stock';
import type { CreatePrize } from './schemas';
import { prizeSelect, toPrizeDto, type PrizeDto } from './prize-dto';

/** A new catalogue entry whose total pool starts at `stock`, recorded in the ledger. */
export async function createPrize(tenantId: string, actor: Actor, input: CreatePrize): Promise<PrizeDto> {
  const prize = await db.$transaction(async (tx) => {
    const { id } = await tx.prize.create({
      data: {
        tenantId,
        name: input.name,
        kind: input.kind.toUpperCase() as 'PHYSICAL' | 'VIRTUAL' | 'COUPON' | 'POINTS',
        valueMinor: Math.round((input.value ?? 0) * 100),
        description: input.description ?? null,
        imageUrl: input.imageUrl ?? null,
        translations: input.translations ?? {},
      },
      select: { id: true },
    });
    if (input.stock > 0) {
      const initial = { kind: 'RESTOCK', poolDelta: input.stock, reason: 'initial stock' } as const;
      await moveStock(tx, { tenantId, prizeId: id, ...initial, actor });
    }
    const created = await tx.prize.findUniqueOrThrow({ where: { id }, select: prizeSelect });
    await writeAuditLog(
      tenantId,
      actor,
      { action: 'prize.create', objectType: 'Prize', objectId: created.id, after: created },
      tx,
    );
    return created;
  });
  return toPrizeDto(prize, 0);
}
