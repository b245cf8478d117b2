// The stock ledger of one prize for the console: its StockMovement rows newest first, filtered
// by kind, activity and time, cursor-paged, with actors resolved to names of this tenant only
// (an analyst reads operators as stand-ins and masked emails, lib/audit/operator-privacy.ts).
import type { Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { operatorRef, visibleEmail, type Viewer } from '../audit/operator-privacy';
import { resolveActorNames } from '../audit/resolve-actor-names';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { isStorableMs } from '../validation/calendar';
import { isInt8Text } from '../validation/storage-limits';

export type StockMovementKind = 'RESTOCK' | 'RESERVE' | 'RELEASE' | 'ISSUE' | 'RETURN' | 'ADJUST';

export type StockMovementQuery = {
  limit: number;
  /** nextCursor of the previous page: "<createdAt ms>_<movement id>". */
  cursor?: string;
  kind?: StockMovementKind;
  activityId?: string;
  /** Inclusive lower bound of createdAt. */
  from?: Date;
  /** Exclusive upper bound of createdAt. */
  until?: Date;
};

export type StockMovementDto = {
  id: string;
  createdAt: string;
  kind: StockMovementKind;
  /** Change of the prize's free (available) pool. */
  poolDelta: number;
  /** Change of the activity pool's reserved figure. */
  activityDelta: number;
  issuedDelta: number;
  returnedDelta: number;
  reason: string | null;
  activity: { id: string; name: string } | null;
  /** name: the operator's or API key's name when it belongs to this tenant; detail: email or key prefix. */
  actor: {
    type: 'OPERATOR' | 'API_KEY' | 'SYSTEM' | 'USER';
    id: string | null;
    name: string | null;
    detail: string | null;
  };
};

export type StockLedgerPage = {
  items: StockMovementDto[];
  nextCursor: string | null;
  /** Every activity that has (or had) a pool of this prize: the choices of the activity filter. */
  activities: { id: string; name: string }[];
};

const movementSelect = {
  id: true,
  createdAt: true,
  kind: true,
  poolDelta: true,
  activityDelta: true,
  issuedDelta: true,
  returnedDelta: true,
  reason: true,
  actorType: true,
  actorId: true,
  activity: { select: { id: true, name: true } },
} satisfies Prisma.StockMovementSelect;

export async function listStockMovements(
  tenantId: string,
  prizeId: string,
  query: StockMovementQuery,
  viewer?: Viewer,
): Promise<StockLedgerPage> {
  // Ids that are not UUIDs cannot name a row (and would fail the uuid cast): nothing to list.
  if (!isUuid(prizeId) || (query.activityId !== undefined && !isUuid(query.activityId)))
    return { items: [], nextCursor: null, activities: [] };
  const after = parseCursor(query.cursor);
  const createdAt = { ...(query.from ? { gte: query.from } : {}), ...(query.until ? { lt: query.until } : {}) };
  const where: Prisma.StockMovementWhereInput = {
    tenantId,
    prizeId,
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.activityId ? { activityId: query.activityId } : {}),
    ...(query.from || query.until ? { createdAt } : {}),
    ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
  };
  const [rows, pools] = await Promise.all([
    db.stockMovement.findMany({
      where,
      select: movementSelect,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    }),
    db.activityStock.findMany({
      where: { tenantId, prizeId },
      select: { activity: { select: { id: true, name: true } } },
      orderBy: { activity: { createdAt: 'desc' } },
    }),
  ]);
  const page = rows.slice(0, query.limit);

  const names = await resolveActorNames(tenantId, page);

  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id.toString(),
      createdAt: r.createdAt.toISOString(),
      kind: r.kind,
      poolDelta: r.poolDelta,
      activityDelta: r.activityDelta,
      issuedDelta: r.issuedDelta,
      returnedDelta: r.returnedDelta,
      reason: r.reason,
      activity: r.activity ? { id: r.activity.id, name: r.activity.name } : null,
      actor: actorOf(viewer, r, names.get(`${r.actorType}:${r.actorId}`)),
    })),
    nextCursor: rows.length > query.limit && last ? `${last.createdAt.getTime()}_${last.id}` : null,
    activities: pools.map((p) => p.activity),
  };
}

type Actor = StockMovementDto['actor'];

/** Who moved stock, as this viewer may read it (an analyst: a stand-in and a masked email). */
function actorOf(
  viewer: Viewer,
  { actorType: type, actorId: id }: { actorType: Actor['type']; actorId: string | null },
  name?: { name: string; detail: string },
): Actor {
  if (type !== 'OPERATOR' || !id) return { type, id, name: name?.name ?? null, detail: name?.detail ?? null };
  const detail = name ? visibleEmail(viewer, name.detail, id) : null;
  return { type, id: operatorRef(viewer, id), name: name?.name ?? null, detail };
}

function parseCursor(cursor: string | undefined): { at: Date; id: bigint } | null {
  if (!cursor) return null;
  const m = /^(\d{1,15})_(\d{1,19})$/.exec(cursor);
  // Both halves within what the columns hold: a timestamp in 1970–9999, a bigint id.
  if (!m || !isStorableMs(Number(m[1])) || !isInt8Text(m[2]!)) {
    const issues = [{ path: 'cursor', message: 'use nextCursor from the previous page' }];
    throw new AppError('VALIDATION_FAILED', 'bad cursor', { issues });
  }
  return { at: new Date(Number(m[1])), id: BigInt(m[2]!) };
}
