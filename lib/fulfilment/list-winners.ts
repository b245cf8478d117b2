// GET /api/manage/activities/{id}/winners: paged JSON, or the whole list as CSV.
import type { Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { AppError } from '../errors';
import { csvRow } from '../http/csv';
import type { WinnersQuery } from '../activities/schemas';
import { getActivityRowOrThrow } from '../activities/get-activity';

const winnerSelect = {
  id: true, userId: true, drawId: true, tierId: true, quantity: true, status: true, createdAt: true,
  claimName: true, claimPhone: true, claimAddress: true, claimedAt: true, carrier: true, trackingNumber: true, shippedAt: true,
  prize: { select: { id: true, name: true, kind: true } },
  tier: { select: { name: true } },
} satisfies Prisma.WinSelect;
type WinnerRow = Prisma.WinGetPayload<{ select: typeof winnerSelect }>;

export type WinnerDto = ReturnType<typeof toWinnerDto>;

function toWinnerDto(w: WinnerRow) {
  return {
    winId: w.id, userId: w.userId, drawId: w.drawId, tier: { id: w.tierId, name: w.tier.name },
    prize: { id: w.prize.id, name: w.prize.name, kind: w.prize.kind.toLowerCase() }, quantity: w.quantity, status: w.status,
    wonAt: w.createdAt.toISOString(),
    claim: w.claimedAt ? { name: w.claimName, phone: w.claimPhone, address: w.claimAddress, claimedAt: w.claimedAt.toISOString() } : null,
    shipment: w.shippedAt ? { carrier: w.carrier, trackingNumber: w.trackingNumber, shippedAt: w.shippedAt.toISOString() } : null,
  };
}

/** Cursor = "<createdAt ms>_<win id>" of the last row seen; newest first. */
export async function listWinners(tenantId: string, activityId: string, query: WinnersQuery): Promise<{ items: WinnerDto[]; nextCursor: string | null }> {
  await getActivityRowOrThrow(tenantId, activityId);
  const after = parseCursor(query.cursor);
  const rows = await db.win.findMany({
    where: {
      tenantId, activityId, ...(query.status ? { status: query.status } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
    },
    select: winnerSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(toWinnerDto), nextCursor: rows.length > query.limit && last ? `${last.createdAt.getTime()}_${last.id}` : null };
}

const csvColumns = ['winId', 'wonAt', 'userId', 'tier', 'prize', 'kind', 'quantity', 'status', 'claimName', 'claimPhone', 'claimAddress', 'carrier', 'trackingNumber'] as const;

/** Every winner of the activity as CSV, streamed page by page so a big list never sits in memory. */
export async function* winnersCsv(tenantId: string, activityId: string, status?: WinnersQuery['status']): AsyncGenerator<string> {
  await getActivityRowOrThrow(tenantId, activityId);
  yield '\uFEFF' + csvColumns.join(',') + '\r\n';
  let cursor: string | undefined;
  for (;;) {
    const { items, nextCursor } = await listWinners(tenantId, activityId, { limit: 500, cursor, format: 'csv', status });
    yield items
      .map((w) => csvRow([w.winId, w.wonAt, w.userId, w.tier.name, w.prize.name, w.prize.kind, w.quantity, w.status, w.claim?.name, w.claim?.phone, w.claim?.address, w.shipment?.carrier, w.shipment?.trackingNumber]))
      .join('');
    if (!nextCursor) return;
    cursor = nextCursor;
  }
}


function parseCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const m = /^(\d{1,15})_([0-9a-f-]{36})$/i.exec(cursor);
  if (!m) throw new AppError('VALIDATION_FAILED', 'bad cursor', { issues: [{ path: 'cursor', message: 'use nextCursor from the previous page' }] });
  return { at: new Date(Number(m[1])), id: m[2]! };
}
