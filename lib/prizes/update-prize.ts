// An operator renames a prize, changes its description or image, or its names per language. The
// play page and the API's views follow within their cache time. Audited with before and after.
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { getPrizeOrThrow } from './get-prize';
import type { PrizeDto } from './prize-dto';
import type { UpdatePrize } from './schemas';

export async function updatePrize(
  tenantId: string,
  actor: Actor,
  prizeId: string,
  input: UpdatePrize,
): Promise<PrizeDto> {
  if (!isUuid(prizeId)) throw new AppError('NOT_FOUND', `prize ${prizeId} not found`);
  await db.$transaction(async (tx) => {
    const select = { id: true, name: true, description: true, imageUrl: true, translations: true } as const;
    const before = await tx.prize.findFirst({ where: { id: prizeId, tenantId }, select });
    if (!before) throw new AppError('NOT_FOUND', `prize ${prizeId} not found`);
    const after = await tx.prize.update({
      where: { id: before.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.imageUrl !== undefined ? { imageUrl: input.imageUrl } : {}),
        ...(input.translations !== undefined ? { translations: input.translations } : {}),
      },
      select,
    });
    await writeAuditLog(
      tenantId,
      actor,
      { action: 'prize.update', objectType: 'Prize', objectId: before.id, before, after },
      tx,
    );
  });
  return getPrizeOrThrow(tenantId, prizeId);
}
