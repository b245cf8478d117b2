// GET /api/manage/activities/{id}/winners: paged JSON, or the whole list as CSV. The console's
// Winners page lists the same rows tenant-wide with more filters (queryWinners) and exports
// them through the same CSV writer, so an activity's console CSV is the API's byte for byte.
import type { Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { AppError } from '../errors';
import { csvRow } from '../http/csv';
import type { WinnersQuery } from '../activities/schemas';
import { getActivityRowOrThrow } from '../activities/get-activity';
import { isUuid } from '../ids';
import { isStorableMs } from '../validation/calendar';
import { maskAddress, maskPhone } from './mask-contact';

const winnerSelect = {
  id: true,
  activityId: true,
  userId: true,
  drawId: true,
  tierId: true,
  quantity: true,
  status: true,
  createdAt: true,
  claimName: true,
  claimPhone: true,
  claimAddress: true,
  claimedAt: true,
  carrier: true,
  trackingNumber: true,
  shippedAt: true,
  prize: { select: { id: true, name: true, kind: true } },
  tier: { select: { name: true } },
} satisfies Prisma.WinSelect;
type WinnerRow = Prisma.WinGetPayload<{ select: typeof winnerSelect }>;

export type WinnerDto = ReturnType<typeof toWinnerDto>;

function toWinnerDto(w: WinnerRow, masked = false) {
  const phone = masked ? maskPhone(w.claimPhone) : w.claimPhone;
  const address = masked ? maskAddress(w.claimAddress) : w.claimAddress;
  return {
    winId: w.id,
    activityId: w.activityId,
    userId: w.userId,
    drawId: w.drawId,
    tier: { id: w.tierId, name: w.tier.name },
    prize: { id: w.prize.id, name: w.prize.name, kind: w.prize.kind.toLowerCase() },
    quantity: w.quantity,
    status: w.status,
    wonAt: w.createdAt.toISOString(),
    claim: w.claimedAt ? { name: w.claimName, phone, address, claimedAt: w.claimedAt.toISOString() } : null,
    shipment: w.shippedAt
      ? { carrier: w.carrier, trackingNumber: w.trackingNumber, shippedAt: w.shippedAt.toISOString() }
      : null,
  };
}

/** Filters of a winners list; `tenantId` always applies. Dates bound `createdAt` (from ≤ t < until). */
export type WinnerFilters = {
  activityId?: string;
  tierId?: string;
  status?: WinnersQuery['status'];
  userId?: string;
  from?: Date;
  until?: Date;
};

/** Cursor = "<createdAt ms>_<win id>" of the last row seen; newest first. */
export async function listWinners(
  tenantId: string,
  activityId: string,
  query: WinnersQuery,
): Promise<{ items: WinnerDto[]; nextCursor: string | null }> {
  await getActivityRowOrThrow(tenantId, activityId);
  return queryWinners(tenantId, { activityId, status: query.status }, query);
}

/** The tenant's winners matching the filters, newest first (no activity check: filters only narrow). */
/** `masked`: phone and address as a read-only member sees them (lib/fulfilment/mask-contact.ts). */
export async function queryWinners(
  tenantId: string,
  filters: WinnerFilters,
  page: { limit: number; cursor?: string; masked?: boolean },
): Promise<{ items: WinnerDto[]; nextCursor: string | null }> {
  const after = parseCursor(page.cursor);
  const rows = await db.win.findMany({
    where: {
      tenantId,
      ...(filters.activityId ? { activityId: filters.activityId } : {}),
      ...(filters.tierId ? { tierId: filters.tierId } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.userId ? { userId: filters.userId } : {}),
      ...(filters.from || filters.until
        ? {
            createdAt: {
              ...(filters.from ? { gte: filters.from } : {}),
              ...(filters.until ? { lt: filters.until } : {}),
            },
          }
        : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
    },
    select: winnerSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
  });
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((w) => toWinnerDto(w, page.masked)),
    nextCursor: rows.length > page.limit && last ? `${last.createdAt.getTime()}_${last.id}` : null,
  };
}

const csvColumns = [
  'winId',
  'wonAt',
  'userId',
  'tier',
  'prize',
  'kind',
  'quantity',
  'status',
  'claimName',
  'claimPhone',
  'claimAddress',
  'carrier',
  'trackingNumber',
] as const;

/** Every winner of the activity as CSV, streamed page by page so a big list never sits in memory. */
export async function* winnersCsv(
  tenantId: string,
  activityId: string,
  status?: WinnersQuery['status'],
): AsyncGenerator<string> {
  await getActivityRowOrThrow(tenantId, activityId);
  yield* filteredWinnersCsv(tenantId, { activityId, status });
}

/** The same CSV for any filters of the tenant's winners (the console's export). */
export async function* filteredWinnersCsv(tenantId: string, filters: WinnerFilters): AsyncGenerator<string> {
  yield '\uFEFF' + csvColumns.join(',') + '\r\n';
  let cursor: string | undefined;
  for (;;) {
    const { items, nextCursor } = await queryWinners(tenantId, filters, { limit: 500, cursor });
    yield items
      .map((w) =>
        csvRow([
          w.winId,
          w.wonAt,
          w.userId,
          w.tier.name,
          w.prize.name,
          w.prize.kind,
          w.quantity,
          w.status,
          w.claim?.name,
          w.claim?.phone,
          w.claim?.address,
          w.shipment?.carrier,
          w.shipment?.trackingNumber,
        ]),
      )
      .join('');
    if (!nextCursor) return;
    cursor = nextCursor;
  }
}

function parseCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const m = /^(\d{1,15})_([0-9a-f-]{36})$/i.exec(cursor);
  // Both halves within what the columns hold: a timestamp in 1970–9999, a uuid.
  if (!m || !isStorableMs(Number(m[1])) || !isUuid(m[2]!)) {
    const issues = [{ path: 'cursor', message: 'use nextCursor from the previous page' }];
    throw new AppError('VALIDATION_FAILED', 'bad cursor', { issues });
  }
  return { at: new Date(Number(m[1])), id: m[2]! };
}
