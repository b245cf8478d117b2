// An operator renames a prize, changes its description or image, or its names per language. The
// views that name it (an activity's public view, a user's wins) are read again once it is saved.
// Audited with before and after.
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { touchActivities } from '../read-cache/user-records-cache';
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
  const tiers = await db.tier.findMany({
    where: { tenantId, prizes: { some: { prizeId } } },
    select: { activityId: true },
    distinct: ['activityId'],
  });
  await touchActivities(tiers.map((t) => t.activityId));
  return getPrizeOrThrow(tenantId, prizeId);
}
