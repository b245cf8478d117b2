import { db } from '../db';

export type WinnerFilterOptions = { activities: { id: string; name: string; tiers: { id: string; name: string }[] }[] };

/** The tenant's activities and their tiers, for the winners filters (newest activity first). */
export async function listWinnerFilterOptions(tenantId: string): Promise<WinnerFilterOptions> {
  const activities = await db.activity.findMany({
    where: { tenantId, status: { not: 'DRAFT' } },
    select: { id: true, name: true, tiers: { select: { id: true, name: true }, orderBy: { position: 'asc' } } },
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
  return { activities };
}
