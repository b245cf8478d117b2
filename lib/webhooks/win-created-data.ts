// The `data` of win.created, one builder for every kind of win (instant, fixed-winner, approved
// after hold): the draw's commit statement only names the win, and the first attempt builds the
// body from the rows (lib/webhooks/send-delivery.ts), so every endpoint and attempt sends the same.
import type { Prisma } from '@/generated/prisma/client';

type Tx = Pick<Prisma.TransactionClient, 'win' | 'couponCode'>;

export type WinCreatedData = {
  winId: string;
  activityId: string;
  drawId: string;
  userId: string;
  tier: { id: string; name: string };
  prizes: { prizeId: string; name: string; kind: string; value: number; quantity: number; codes: string[] }[];
  status: string;
};

/** The win's event data and its time, or null when the win is not this tenant's (or gone). */
export async function winCreatedData(
  tx: Tx,
  tenantId: string,
  winId: string,
): Promise<{ data: WinCreatedData; createdAt: Date } | null> {
  const win = await tx.win.findFirst({
    where: { id: winId, tenantId },
    select: {
      id: true,
      activityId: true,
      drawId: true,
      userId: true,
      quantity: true,
      status: true,
      createdAt: true,
      tier: { select: { id: true, name: true } },
      prize: { select: { id: true, name: true, kind: true, valueMinor: true } },
    },
  });
  if (!win) return null;
  const codes = await tx.couponCode.findMany({
    where: { winId: win.id, tenantId },
    select: { code: true },
    orderBy: { code: 'asc' },
  });
  return {
    createdAt: win.createdAt,
    data: {
      winId: win.id,
      activityId: win.activityId,
      drawId: win.drawId,
      userId: win.userId,
      tier: { id: win.tier.id, name: win.tier.name },
      prizes: [
        {
          prizeId: win.prize.id,
          name: win.prize.name,
          kind: win.prize.kind.toLowerCase(),
          // As the prize API states it: major currency units.
          value: win.prize.valueMinor / 100,
          quantity: win.quantity,
          codes: codes.map((c) => c.code),
        },
      ],
      status: win.status,
    },
  };
}
