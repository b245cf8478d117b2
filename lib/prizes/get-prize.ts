import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { prizeSelect, reservedByPrize, toPrizeDto, type PrizeDto } from './prize-dto';
import type { ListQuery } from './schemas';

export async function getPrizeOrThrow(tenantId: string, prizeId: string): Promise<PrizeDto> {
  const prize = isUuid(prizeId)
    ? await db.prize.findFirst({ where: { id: prizeId, tenantId }, select: prizeSelect })
    : null;
  if (!prize) throw new AppError('NOT_FOUND', `prize ${prizeId} not found`);
  const reserved = await reservedByPrize(tenantId, [prize.id]);
  return toPrizeDto(prize, reserved.get(prize.id) ?? 0);
}

export async function listPrizes(
  tenantId: string,
  query: ListQuery,
): Promise<{ items: PrizeDto[]; nextCursor: string | null }> {
  const rows = await db.prize.findMany({
    where: { tenantId },
    select: prizeSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  const reserved = await reservedByPrize(
    tenantId,
    page.map((p) => p.id),
  );
  return {
    items: page.map((p) => toPrizeDto(p, reserved.get(p.id) ?? 0)),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}
