// Live stock changes of an activity pool, while draws run.
// Invariant: reserved = issued + left + returned for every pool, and the ledger sums to every
// pool. Adding takes from the prize's total pool in PostgreSQL first, then shows the units to
// the draw; releasing hides them from the draw first (atomically, only if they are left),
// then gives them back in PostgreSQL, and shows them again if that fails. Either way a draw
// can never be promised a unit the records do not hold.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import { defineScript, loadLuaScript, requestRedis, type Redis } from '../redis';
import { drawKeys } from '../draw/keys';
import { carryToHotState, lockStateEpoch, onHotState, writeHotState } from '../draw/write-hot-state';
import { hasEnded, publicStatus } from '../activity-status';
import { moveStock } from './move-stock';
import { withPrizeLocks } from '../locks/prize-lock';
import { INT4_MAX } from '../validation/storage-limits';
import type { PoolStockChange } from './schemas';

const takeScript = loadLuaScript('lib/inventory/lua', 'take-pool-stock-2.lua');

export type PoolDto = { prizeId: string; reserved: number; issued: number; returned: number };

export async function changePoolStock(
  tenantId: string,
  actor: Actor,
  activityId: string,
  change: PoolStockChange,
): Promise<PoolDto> {
  const activity = isUuid(activityId)
    ? await db.activity.findFirst({ where: { id: activityId, tenantId }, select: { id: true, status: true } })
    : null;
  if (!activity) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  if (activity.status === 'DRAFT' || hasEnded(activity.status)) {
    const status = publicStatus(activity.status);
    throw new AppError('INVALID_STATE', `the activity is ${status}; pools exist only while it is published`);
  }
  const poolKey = { activityId_prizeId: { activityId: activity.id, prizeId: change.prizeId } };
  const pool = await db.activityStock.findUnique({ where: poolKey, select: { prize: { select: { kind: true } } } });
  if (!pool) throw new AppError('NOT_FOUND', `the activity has no pool of prize ${change.prizeId}`);
  if (pool.prize.kind === 'COUPON') {
    throw new AppError(
      'INVALID_STATE',
      "a coupon prize's pool is the codes reserved at publish; it cannot change live",
    );
  }
  const redis = await requestRedis();
  const shown = { hash: 'stock', op: 'add', fields: { [`p:${change.prizeId}`]: Math.abs(change.quantity) } } as const;

  return withPrizeLocks(redis, [change.prizeId], async () => {
    if (change.quantity > 0) {
      const { after, epoch } = await movePool(tenantId, actor, { activityId: activity.id, change, kind: 'RESERVE' });
      await carryToHotState(redis, activity.id, epoch, shown);
      return after;
    }
    const takenAt = await takeFromHotState(redis, activity.id, change.prizeId, -change.quantity);
    try {
      return (await movePool(tenantId, actor, { activityId: activity.id, change, kind: 'RELEASE', takenAt })).after;
    } catch (err) {
      // Shown again, in the generation they were taken from (a newer one never lost them).
      await writeHotState(redis, activity.id, takenAt, shown);
      throw err;
    }
  });
}

/** Hides units from the draw, only if that many are left; returns the state generation they left. */
async function takeFromHotState(redis: Redis, activityId: string, prizeId: string, units: number): Promise<number> {
  const k = drawKeys(activityId);
  return onHotState(redis, activityId, async () => {
    const take = defineScript(redis, takeScript);
    const [taken, left, epoch] = (await take([k.stock, k.cfg], [prizeId, units])) as number[];
    if (taken === -1) return 'missing';
    if (taken === 0) {
      const details = { prizeId, left, requested: units };
      throw new AppError('INSUFFICIENT_STOCK', `only ${left} units are left in the pool`, details);
    }
    return epoch!;
  });
}

/**
 * The records' side, with the activity's state generation read under its row lock: a release
 * whose units were taken from a state since rebuilt (which still shows them) is refused.
 */
type PoolMove = {
  activityId: string;
  change: PoolStockChange;
  kind: 'RESERVE' | 'RELEASE';
  /** A release: the state generation its units were taken from. */
  takenAt?: number;
};

async function movePool(tenantId: string, actor: Actor, move: PoolMove): Promise<{ after: PoolDto; epoch: number }> {
  const { activityId, change, kind, takenAt } = move;
  const q = change.quantity;
  return db.$transaction(async (tx) => {
    const epoch = await lockStateEpoch(tx, activityId);
    if (takenAt !== undefined && epoch !== takenAt) {
      throw new AppError('CONFLICT', 'the live state was restored meanwhile; try again');
    }
    const before = await tx.activityStock.findUniqueOrThrow({
      where: { activityId_prizeId: { activityId, prizeId: change.prizeId } },
      select: { reserved: true },
    });
    // `reserved` counts every unit ever moved in, issued ones too: it must stay within its int4 column.
    if (before.reserved + q > INT4_MAX) {
      const message = `at most ${INT4_MAX - before.reserved} more units fit in this pool (${INT4_MAX} in all)`;
      throw new AppError('VALIDATION_FAILED', `quantity: ${message}`, { issues: [{ path: 'quantity', message }] });
    }
    // The ledger's writer refuses a move the free pool cannot give (INSUFFICIENT_STOCK).
    const moved = await moveStock(tx, {
      tenantId,
      prizeId: change.prizeId,
      activityId,
      kind,
      poolDelta: -q,
      activityDelta: q,
      reason: change.reason ?? null,
      actor,
    });
    const after = moved.pool!;
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: kind === 'RESERVE' ? 'pool.add' : 'pool.release',
        objectType: 'ActivityStock',
        objectId: `${activityId}:${change.prizeId}`,
        before: { reserved: before.reserved },
        after: { reserved: after.reserved, reason: change.reason ?? null },
      },
      tx,
    );
    return { after, epoch };
  });
}
