import { db } from '../db';

export type UserWinDto = {
  id: string;
  activityId: string;
  tierId: string;
  prize: { id: string; name: string; kind: string };
  quantity: number;
  status: string;
  claimable: boolean;
  createdAt: string;
};

/** An end user's wins in one tenant (or in one of its activities), newest first. */
export async function listUserWins(
  tenantId: string,
  userId: string,
  { activityId, limit = 100 }: { activityId?: string; limit?: number } = {},
): Promise<UserWinDto[]> {
  const rows = await db.win.findMany({
    where: { tenantId, userId, ...(activityId ? { activityId } : {}) },
    select: {
      id: true, activityId: true, tierId: true, quantity: true, status: true, createdAt: true,
      prize: { select: { id: true, name: true, kind: true } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
  return rows.map((w) => ({
    id: w.id,
    activityId: w.activityId,
    tierId: w.tierId,
    prize: { id: w.prize.id, name: w.prize.name, kind: w.prize.kind.toLowerCase() },
    quantity: w.quantity,
    status: w.status,
    claimable: w.status === 'AWAITING_CLAIM' && w.prize.kind === 'PHYSICAL',
    createdAt: w.createdAt.toISOString(),
  }));
}
