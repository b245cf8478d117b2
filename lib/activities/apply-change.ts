// Applying a change: under the activity's row lock, its base must still be the version in force
// (else 409 CONFLICT, and the change is marked so); the tiers and limits are written, pool stock
// moves through the ledger's one writer (lib/inventory/move-stock.ts), the next version is
// recorded and the change marked APPLIED, only from PENDING or SCHEDULED with its hash (so a job
// delivered twice applies it once), all in one transaction that moves the hot state with it
// (lib/activities/move-config-live.ts): no draw sees half a change.
import type { Prisma } from '@/generated/prisma/client';
import { hasEnded, publicStatus } from '../activity-status';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';
import { moveStock } from '../inventory/move-stock';
import { withPrizeLocks } from '../locks/prize-lock';
import { requestRedis } from '../redis';
import { activitySelect } from './activity-dto';
import { diffConfigs, patchedConfig, summarizeDiff } from './change-diff';
import { changeSelect, type ChangeRow } from './change-dto';
import type { ChangePatch } from './change-schemas';
import { configSnapshot, recordConfigVersion } from './config-versions';
import { changeConfigLive, type ConfigMove } from './move-config-live';
import { toMicros } from './schemas';

type Tx = Prisma.TransactionClient;

class BaseMoved extends Error {
  constructor(readonly current: number) {
    super('base moved');
  }
}

/**
 * Applies the change now. `by` is who set it off (an approver, the scheduler); the version is
 * the proposer's. Returns the change as applied.
 */
export async function applyChange(tenantId: string, changeId: string, by: Actor): Promise<ChangeRow> {
  const change = await db.change.findFirstOrThrow({ where: { id: changeId, tenantId }, select: changeSelect });
  if (change.status === 'APPLIED') return change;
  if (change.status !== 'PENDING' && change.status !== 'SCHEDULED') {
    throw new AppError('INVALID_STATE', `the change is ${change.status.toLowerCase()}`);
  }
  const prizeIds = await prizesOfPatchedTiers(change.activityId, change.patch as ChangePatch);
  const redis = await requestRedis();
  try {
    await withPrizeLocks(redis, prizeIds, () =>
      changeConfigLive(
        redis,
        change.activityId,
        async (tx) => ({ move: await applyInRecords(tx, change, by), result: undefined }),
        { holdAt: `change:apply:${change.id}` },
      ),
    );
  } catch (err) {
    if (err instanceof BaseMoved) {
      await db.change.updateMany({
        where: { id: change.id, status: { in: ['PENDING', 'SCHEDULED'] } },
        data: { status: 'CONFLICT' },
      });
      throw new AppError(
        'CONFLICT',
        `the change is based on version ${change.baseVersion}, but version ${err.current} is in force; propose it again on that version`,
        { baseVersion: change.baseVersion, currentVersion: err.current },
      );
    }
    throw err;
  }
  return db.change.findFirstOrThrow({ where: { id: change.id }, select: changeSelect });
}

async function prizesOfPatchedTiers(activityId: string, patch: ChangePatch): Promise<string[]> {
  const ids = (patch.tiers ?? []).filter((t) => t.stock !== undefined).map((t) => t.id);
  if (!ids.length) return [];
  const rows = await db.tierPrize.findMany({
    where: { tierId: { in: ids }, tier: { activityId } },
    select: { prizeId: true },
  });
  return [...new Set(rows.map((r) => r.prizeId))].sort();
}

async function applyInRecords(tx: Tx, change: ChangeRow, by: Actor): Promise<ConfigMove> {
  const { tenantId, activityId } = change;
  // The row lock every change of this activity takes first; draws' inserts (key share) go on.
  const [locked] = await tx.$queryRaw<{ configVersion: number; status: string }[]>`
    SELECT "configVersion", status::text AS status FROM "Activity" WHERE id = ${activityId}::uuid FOR NO KEY UPDATE`;
  if (!locked) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  if (locked.configVersion !== change.baseVersion) throw new BaseMoved(locked.configVersion);
  const row = await tx.activity.findFirstOrThrow({ where: { id: activityId, tenantId }, select: activitySelect });
  if (row.status === 'DRAFT' || hasEnded(row.status)) {
    throw new AppError(
      'INVALID_STATE',
      `the activity is ${publicStatus(row.status)}; changes apply to published activities`,
    );
  }
  const base = configSnapshot(row);
  const next = patchedConfig(base, change.patch as ChangePatch);
  const pools = await tx.activityStock.findMany({
    where: { activityId },
    select: { prizeId: true, reserved: true, returned: true },
  });
  const held = new Map(pools.map((p) => [p.prizeId, p.reserved - p.returned]));
  const diff = diffConfigs(base, next, held);

  const tiers: ConfigMove['tiers'] = [];
  for (const [i, t] of next.tiers.entries()) {
    const b = base.tiers[i]!;
    if (toMicros(b.probability) === toMicros(t.probability) && b.stock === t.stock) continue;
    await tx.tier.update({
      where: { id: t.id },
      data: { probabilityMicros: toMicros(t.probability), stock: t.stock, version: { increment: 1 } },
    });
    tiers.push({ id: t.id, stock: t.stock, oldStock: b.stock });
  }
  const limits = next.limits;
  await tx.activity.update({
    where: { id: activityId },
    data: {
      freeDrawsPerDay: limits.freeDrawsPerDay,
      maxDrawsPerDay: limits.maxDrawsPerDay ?? null,
      maxDrawsTotal: limits.maxDrawsTotal ?? null,
      maxWinsPerUser: limits.maxWinsPerUser ?? null,
      configVersion: { increment: 1 },
    },
  });
  const prizes: ConfigMove['prizes'] = [];
  const proposer = { type: change.proposerType, id: change.proposerId ?? '' } as Actor;
  // A coupon prize's units are the codes reserved at publish (lib/coupons/coupon-pool.ts): its pool
  // cannot grow or shrink live, as lib/inventory/change-pool-stock.ts refuses too.
  const moved = diff.cost.filter((c) => c.reserve > 0 || c.release > 0).map((c) => c.prizeId);
  const coupons = moved.length
    ? await tx.prize.findMany({ where: { id: { in: moved }, tenantId, kind: 'COUPON' }, select: { name: true } })
    : [];
  if (coupons.length > 0)
    throw new AppError(
      'CONFLICT',
      `a coupon prize's pool is the codes reserved at publish; it cannot change live (${coupons.map((p) => p.name).join(', ')})`,
    );
  for (const c of diff.cost) {
    const units = c.reserve > 0 ? c.reserve : -c.release;
    if (units === 0) continue;
    await moveStock(tx, {
      tenantId,
      prizeId: c.prizeId,
      activityId,
      kind: units > 0 ? 'RESERVE' : 'RELEASE',
      poolDelta: -units,
      activityDelta: units,
      actor: proposer,
      reason: `change ${change.id}`,
    });
    prizes.push({ id: c.prizeId, delta: units });
  }
  const summary = summarizeDiff(diff.entries);
  const recorded = await recordConfigVersion(tx, { tenantId, activityId, actor: proposer, summary });
  const applied = await tx.change.updateMany({
    where: { id: change.id, hash: change.hash, status: { in: ['PENDING', 'SCHEDULED'] } },
    data: { status: 'APPLIED', appliedVersion: recorded.version, appliedAt: new Date() },
  });
  if (applied.count !== 1) throw new AppError('CONFLICT', 'the change was edited, cancelled or applied meanwhile');
  await writeAuditLog(
    tenantId,
    by,
    {
      action: 'change.apply',
      objectType: 'Change',
      objectId: change.id,
      before: { version: change.baseVersion },
      after: { version: recorded.version, hash: recorded.hash, summary, cost: diff.cost },
    },
    tx,
  );
  return { fromVersion: change.baseVersion, toVersion: recorded.version, tag: change.id, tiers, prizes };
}
