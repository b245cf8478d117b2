// The stock ledger's one writer. A prize's free pool (Prize.availableStock), its activity pools
// (ActivityStock: reserved, issued, returned) and the StockMovement ledger are written here and
// nowhere else, always together, in one transaction, so the pools reconcile with the ledger
// (lib/inventory/reconcile-activity.ts) whatever else runs at the same time:
//  - each figure is read, checked (none below zero, issued + returned within reserved) and
//    written back with the version its row had when read. A writer that read an older version
//    writes nothing and reads again, a few times, then answers CONFLICT. That check alone keeps
//    two writers from spending the same units, whether or not they hold the prize's Redis lock
//    (callers take it to move Redis with the rows: lib/locks/prize-lock.ts);
//  - the ledger row carries exactly the deltas the pools moved by; with a dedupe key, a movement
//    written before is found and nothing moves again (a job that runs twice);
//  - an activity pool's `issued` is a copy of a count kept elsewhere: Redis counts draws as they
//    happen, the Win rows hold them once written. A move that settles it (a void, the return at
//    the end, the fixed-winner draw) sets it from the Win rows. The draw-log's write-back of
//    Redis's count (lib/draw/write-back-issued.ts) is the one other writer of that column, and
//    only of it: it moves no unit from one pool to another, so it has no ledger row to write, and
//    it checks the row's version too.
import type { Prisma, StockMovementKind } from '@/generated/prisma/client';
import type { Actor } from '../audit/write-audit-log';
import { AppError } from '../errors';

type Tx = Prisma.TransactionClient;

/** Reads and writes of a figure whose row keeps changing under it, before CONFLICT. */
const MAX_ATTEMPTS = 5;

export type StockMove = {
  tenantId: string;
  prizeId: string;
  /** The activity pool the units move in or out of; none for the prize's free pool alone. */
  activityId?: string;
  kind: StockMovementKind;
  /** Units into (+) or out of (−) the prize's free pool. */
  poolDelta?: number;
  /** Units into (+) or out of (−) the activity pool's reserved figure. */
  activityDelta?: number;
  /** Units the activity pool issued (+) or took back (−), as the ledger records them. */
  issuedDelta?: number;
  /** Units the activity pool gave back to the free pool. */
  returnedDelta?: number;
  /** The pool's issued figure becomes what its Win rows that are not void hold. */
  issuedFromWins?: boolean;
  actor: Actor;
  reason: string | null;
  /** Unique in the ledger: a move made before under this key is not made again. */
  dedupeKey?: string;
};

export type Deltas = { poolDelta: number; activityDelta: number; issuedDelta: number; returnedDelta: number };
export type PoolFigures = { prizeId: string; reserved: number; issued: number; returned: number };

export type StockMoveResult = {
  /** False: the dedupe key's movement was written before, and `deltas` are that movement's. */
  moved: boolean;
  deltas: Deltas;
  /** The prize's free pool after the move, when it moved. */
  available: number | null;
  /** The activity pool after the move, when it moved. */
  pool: PoolFigures | null;
};

/** Moves stock in the caller's transaction: with whatever else the caller writes there, or not at all. */
export async function moveStock(tx: Tx, move: StockMove): Promise<StockMoveResult> {
  const deltaSelect = { poolDelta: true, activityDelta: true, issuedDelta: true, returnedDelta: true } as const;
  if (move.dedupeKey) {
    const done = await tx.stockMovement.findUnique({ where: { dedupeKey: move.dedupeKey }, select: deltaSelect });
    if (done) return { moved: false, deltas: done, available: null, pool: null };
  }
  const deltas: Deltas = {
    poolDelta: move.poolDelta ?? 0,
    activityDelta: move.activityDelta ?? 0,
    issuedDelta: move.issuedDelta ?? 0,
    returnedDelta: move.returnedDelta ?? 0,
  };
  // Always the prize row before the pool row, so two moves never wait on each other in a circle.
  const available = deltas.poolDelta !== 0 ? await moveFreePool(tx, move, deltas.poolDelta) : null;
  const pool = move.activityId ? await moveActivityPool(tx, move, move.activityId, deltas) : null;
  await tx.stockMovement.create({
    data: {
      tenantId: move.tenantId,
      prizeId: move.prizeId,
      activityId: move.activityId ?? null,
      kind: move.kind,
      ...deltas,
      reason: move.reason,
      actorType: move.actor.type,
      actorId: move.actor.id,
      dedupeKey: move.dedupeKey ?? null,
    },
  });
  return { moved: true, deltas, available, pool };
}

async function moveFreePool(tx: Tx, move: StockMove, delta: number): Promise<number> {
  const { tenantId, prizeId } = move;
  for (let attempt = 1; ; attempt++) {
    const prize = await tx.prize.findFirst({
      where: { id: prizeId, tenantId },
      select: { availableStock: true, version: true },
    });
    if (!prize) throw new AppError('NOT_FOUND', `prize ${prizeId} not found`);
    const available = prize.availableStock + delta;
    if (available < 0) {
      const details = { prizeId, available: prize.availableStock, requested: -delta };
      throw new AppError(
        'INSUFFICIENT_STOCK',
        `only ${prize.availableStock} units are free in the prize's total pool`,
        details,
      );
    }
    const written = await tx.prize.updateMany({
      where: { id: prizeId, version: prize.version },
      data: { availableStock: available, version: { increment: 1 } },
    });
    if (written.count === 1) return available;
    if (attempt === MAX_ATTEMPTS) throw new AppError('CONFLICT', 'stock is changing too fast, try again');
  }
}

async function moveActivityPool(tx: Tx, move: StockMove, activityId: string, deltas: Deltas): Promise<PoolFigures> {
  const { tenantId, prizeId } = move;
  const where = { activityId_prizeId: { activityId, prizeId } };
  for (let attempt = 1; ; attempt++) {
    const pool = await tx.activityStock.findUnique({
      where,
      select: { reserved: true, issued: true, returned: true, version: true },
    });
    if (!pool) {
      // Publishing opens the pool with its first reservation; nothing else can move units of one that is not there.
      if (deltas.activityDelta <= 0 || deltas.issuedDelta !== 0 || deltas.returnedDelta !== 0) {
        throw new AppError('NOT_FOUND', `the activity has no pool of prize ${prizeId}`);
      }
      await tx.activityStock.create({ data: { tenantId, activityId, prizeId, reserved: deltas.activityDelta } });
      return { prizeId, reserved: deltas.activityDelta, issued: 0, returned: 0 };
    }
    const next = {
      reserved: pool.reserved + deltas.activityDelta,
      issued: move.issuedFromWins ? await unitsWon(tx, activityId, prizeId) : pool.issued + deltas.issuedDelta,
      returned: pool.returned + deltas.returnedDelta,
    };
    if (next.issued < 0 || next.returned < 0 || next.issued + next.returned > next.reserved) {
      const free = pool.reserved - pool.issued - pool.returned;
      throw new AppError('INSUFFICIENT_STOCK', `the activity pool holds only ${free} units no win took`, {
        prizeId,
        ...next,
      });
    }
    const written = await tx.activityStock.updateMany({
      where: { activityId, prizeId, version: pool.version },
      data: { reserved: next.reserved, issued: next.issued, returned: next.returned, version: { increment: 1 } },
    });
    if (written.count === 1) return { prizeId, ...next };
    if (attempt === MAX_ATTEMPTS) throw new AppError('CONFLICT', 'stock is changing too fast, try again');
  }
}

/** Units of the pool's prize that its activity's Win rows award, void ones apart. */
async function unitsWon(tx: Tx, activityId: string, prizeId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ units: number }[]>`
    SELECT coalesce(sum(quantity), 0)::int AS units FROM "Win"
    WHERE "activityId" = ${activityId}::uuid AND "prizeId" = ${prizeId}::uuid AND status <> 'VOID'`;
  return row!.units;
}
