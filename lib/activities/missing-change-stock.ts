// A change that needs more units of a prize than its total pool has free is refused before
// anything moves (409 INSUFFICIENT_STOCK), saying per prize how many are missing, so the operator
// can restock the prize (POST /api/manage/prizes/{id}/restock) and apply the change after.
import type { Prisma } from '@/generated/prisma/client';
import { AppError } from '../errors';
import type { PoolCost } from './change-diff';

type Client = Pick<Prisma.TransactionClient, 'prize'>;

export type MissingStock = { prizeId: string; name: string; needed: number; available: number; missing: number };

export async function refuseMissingStock(client: Client, tenantId: string, cost: PoolCost[]): Promise<void> {
  const reserving = cost.filter((c) => c.reserve > 0);
  if (!reserving.length) return;
  const prizes = await client.prize.findMany({
    where: { tenantId, id: { in: reserving.map((c) => c.prizeId) } },
    select: { id: true, name: true, availableStock: true },
  });
  const missing: MissingStock[] = reserving.flatMap((c) => {
    const prize = prizes.find((p) => p.id === c.prizeId);
    const available = prize?.availableStock ?? 0;
    if (c.reserve <= available) return [];
    return [
      { prizeId: c.prizeId, name: prize?.name ?? '', needed: c.reserve, available, missing: c.reserve - available },
    ];
  });
  if (!missing.length) return;
  const list = missing.map((m) => `${m.missing} of ${m.name}`).join(', ');
  throw new AppError(
    'INSUFFICIENT_STOCK',
    `the prize pools are short of ${list}; restock them and apply the change again`,
    { prizes: missing },
  );
}
