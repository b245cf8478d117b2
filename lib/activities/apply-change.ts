// Applying a change: under the activity's row lock, its base must still be the version in force
// (else 409 CONFLICT, and the change is marked so); every field it moves is written (the
// activity's name, materials, translations, period, limits; tiers and tasks changed, added, taken
// out or brought back), pool stock moves through the ledger's one writer
// (lib/inventory/move-stock.ts), the next version is recorded and the change marked APPLIED, only
// from PENDING or SCHEDULED with its hash (so a job delivered twice applies it once), all in one
// transaction that moves the hot state with it (lib/activities/move-config-live.ts): no draw sees
// half a change. After the commit, a period that moved has its lifecycle jobs queued again.
import type { Prisma } from '@/generated/prisma/client';
import { hasEnded, publicStatus } from '../activity-status';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { nowMs } from '../clock';
import { db } from '../db';
import { AppError } from '../errors';
import { moveStock } from '../inventory/move-stock';
import { withPrizeLocks } from '../locks/prize-lock';
import { requestRedis } from '../redis';
import { activitySelect } from './activity-dto';
import { taskRows, tierRows } from './activity-rows';
import {
  diffConfigs,
  isNewId,
  patchedConfig,
  poolNeeds,
  summarizeDiff,
  type ChangeDiff,
  type ConfigTask,
  type ConfigTier,
} from './change-diff';
import { changeSelect, type ChangeRow } from './change-dto';
import { keepUserStateUntil, refuseBadPeriod } from './change-period-rules';
import { loadChangeRecords } from './change-records';
import type { ChangePatch } from './change-schemas';
import { configSnapshot, recordConfigVersion } from './config-versions';
import { changeConfigLive, type ConfigMove, type ConfigWrite } from './move-config-live';
import { refuseMissingStock } from './missing-change-stock';
import { scheduleLifecycle } from './schedule-lifecycle';

type Tx = Prisma.TransactionClient;

class BaseMoved extends Error {
  constructor(readonly current: number) {
    super('base moved');
  }
}

/** What the commit leaves to do: a period that moved reschedules the activity's jobs. */
type Applied = { period: { endsAt: Date; oldEndsAt: Date } | null };

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
  const prizeIds = await prizesOfChange(change.activityId, change.patch as ChangePatch);
  const redis = await requestRedis();
  let applied: Applied;
  try {
    applied = await withPrizeLocks(redis, prizeIds, () =>
      changeConfigLive(redis, change.activityId, (tx) => applyInRecords(tx, change, by), {
        holdAt: `change:apply:${change.id}`,
      }),
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
  if (applied.period) {
    // The draw's counters of a user must not expire before a later end; the jobs follow the period.
    if (applied.period.endsAt > applied.period.oldEndsAt)
      await keepUserStateUntil(change.activityId, applied.period.endsAt);
    await scheduleLifecycle(change.activityId);
  }
  return db.change.findFirstOrThrow({ where: { id: change.id }, select: changeSelect });
}

/** Every prize the activity's tiers award, taken out ones too, and those of the tiers the change adds. */
async function prizesOfChange(activityId: string, patch: ChangePatch): Promise<string[]> {
  const rows = await db.tierPrize.findMany({ where: { tier: { activityId } }, select: { prizeId: true } });
  const added = (patch.tiers ?? []).flatMap((t) => ('prizes' in t ? t.prizes.map((p) => p.prizeId) : []));
  return [...new Set([...rows.map((r) => r.prizeId), ...added])].sort();
}

const tierData = (tenantId: string, t: ConfigTier) => {
  const { tenantId: _t, position: _p, prizes: _prizes, ...data } = tierRows(tenantId, [t])[0]!;
  return data;
};
const taskData = (tenantId: string, t: ConfigTask) => {
  const { tenantId: _t, position: _p, ...data } = taskRows(tenantId, [t])[0]!;
  return data;
};

async function applyInRecords(tx: Tx, change: ChangeRow, by: Actor): Promise<ConfigWrite<Applied>> {
  const { tenantId, activityId } = change;
  const patch = change.patch as ChangePatch;
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
  const records = await loadChangeRecords(tx, row);
  const next = patchedConfig(base, patch, records);
  const startsAt = new Date(next.startsAt);
  const endsAt = new Date(next.endsAt);
  const periodMoved = startsAt.getTime() !== row.startsAt.getTime() || endsAt.getTime() !== row.endsAt.getTime();
  if (periodMoved) refuseBadPeriod({ status: row.status, oldStart: row.startsAt, startsAt, endsAt, now: nowMs() });
  const pools = await tx.activityStock.findMany({
    where: { activityId },
    select: { prizeId: true, reserved: true, returned: true },
  });
  const held = new Map(pools.map((p) => [p.prizeId, p.reserved - p.returned]));
  const diff = diffConfigs(base, next, held, records);
  await refuseMissingStock(tx, tenantId, diff.cost);
  await refuseCouponMoves(tx, tenantId, diff);

  await tx.activity.update({
    where: { id: activityId },
    data: {
      name: next.name,
      materials: next.materials,
      translations: next.translations ?? {},
      claimWindowHours: next.claimWindowHours ?? null,
      startsAt,
      endsAt,
      freeDrawsPerDay: next.limits.freeDrawsPerDay,
      maxDrawsPerDay: next.limits.maxDrawsPerDay ?? null,
      maxDrawsTotal: next.limits.maxDrawsTotal ?? null,
      maxWinsPerUser: next.limits.maxWinsPerUser ?? null,
      configVersion: { increment: 1 },
      // The row's version guards the period as the draft's editor and the period PATCH saw it.
      ...(periodMoved ? { version: { increment: 1 } } : {}),
    },
  });
  if (periodMoved)
    await writeAuditLog(
      tenantId,
      { type: change.proposerType, id: change.proposerId ?? '' } as Actor,
      {
        action: 'activity.period',
        objectType: 'Activity',
        objectId: activityId,
        before: { startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() },
        after: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), change: change.id },
      },
      tx,
    );
  const tiers = await writeTiers(tx, { tenantId, activityId, base, next, records });
  await writeTasks(tx, { tenantId, activityId, base, next, records });

  const needs = poolNeeds(base, next, records);
  const removedTiers = needs.removedNow.map((t) => ({ id: t.id, stock: t.stock, prizes: t.prizes }));
  const prizeIds = new Set([
    ...diff.cost.map((c) => c.prizeId),
    ...removedTiers.flatMap((t) => t.prizes.map((p) => p.prizeId)),
  ]);
  const prizes: ConfigMove['prizes'] = [...prizeIds].sort().map((id) => {
    const c = diff.cost.find((x) => x.prizeId === id);
    return {
      id,
      delta: c ? (c.reserve > 0 ? c.reserve : -c.release) : 0,
      need: {
        held: held.get(id) ?? 0,
        before: needs.before.get(id) ?? 0,
        afterWithoutRemoved: needs.afterWithoutRemoved.get(id) ?? 0,
      },
    };
  });
  const proposer = { type: change.proposerType, id: change.proposerId ?? '' } as Actor;
  const move: ConfigMove = {
    fromVersion: change.baseVersion,
    toVersion: change.baseVersion + 1,
    tag: change.id,
    tiers,
    prizes,
    removedTiers,
  };

  const after: ConfigWrite<Applied>['after'] = async (tx2, moved) => {
    // A tier taken out keeps the wins it issued as its stock: the units it needs from now on.
    for (const t of removedTiers)
      await tx2.tier.update({
        where: { id: t.id },
        data: { stock: moved.issued[t.id] ?? 0, version: { increment: 1 } },
      });
    const units = Object.entries(moved.units).sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [prizeId, delta] of units) {
      await moveStock(tx2, {
        tenantId,
        prizeId,
        activityId,
        kind: delta > 0 ? 'RESERVE' : 'RELEASE',
        poolDelta: -delta,
        activityDelta: delta,
        actor: proposer,
        reason: `change ${change.id}`,
      });
    }
    const summary = summarizeDiff(diff.entries);
    const recorded = await recordConfigVersion(tx2, { tenantId, activityId, actor: proposer, summary });
    const marked = await tx2.change.updateMany({
      where: { id: change.id, hash: change.hash, status: { in: ['PENDING', 'SCHEDULED'] } },
      data: { status: 'APPLIED', appliedVersion: recorded.version, appliedAt: new Date() },
    });
    if (marked.count !== 1) throw new AppError('CONFLICT', 'the change was edited, cancelled or applied meanwhile');
    await writeAuditLog(
      tenantId,
      by,
      {
        action: 'change.apply',
        objectType: 'Change',
        objectId: change.id,
        before: { version: change.baseVersion },
        after: { version: recorded.version, hash: recorded.hash, summary, scopes: diff.scopes, units: moved.units },
      },
      tx2,
    );
  };
  return { move, after, result: { period: periodMoved ? { endsAt, oldEndsAt: row.endsAt } : null } };
}

/**
 * A coupon prize's units are the codes reserved at publish (lib/coupons/coupon-pool.ts): its pool
 * cannot grow or shrink live, as lib/inventory/change-pool-stock.ts refuses too.
 */
async function refuseCouponMoves(tx: Tx, tenantId: string, diff: ChangeDiff) {
  const moved = diff.cost.filter((c) => c.reserve > 0 || c.release > 0).map((c) => c.prizeId);
  const coupons = moved.length
    ? await tx.prize.findMany({ where: { id: { in: moved }, tenantId, kind: 'COUPON' }, select: { name: true } })
    : [];
  if (coupons.length > 0)
    throw new AppError(
      'CONFLICT',
      `a coupon prize's pool is the codes reserved at publish; it cannot change live (${coupons.map((p) => p.name).join(', ')})`,
    );
}

type Written = {
  tenantId: string;
  activityId: string;
  base: ReturnType<typeof configSnapshot>;
  next: ReturnType<typeof configSnapshot>;
  records: Awaited<ReturnType<typeof loadChangeRecords>>;
};

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Tiers changed, brought back, added and taken out; returns how each one's remaining wins move. */
async function writeTiers(
  tx: Tx,
  { tenantId, activityId, base, next, records }: Written,
): Promise<ConfigMove['tiers']> {
  const moves: ConfigMove['tiers'] = [];
  const before = new Map([...records.removedTiers, ...base.tiers].map((t) => [t.id, t]));
  let position = Math.max(-1, ...records.positions.values()) + 1;
  const nextIds = new Set(next.tiers.map((t) => t.id));
  // Taken out first: their position stays theirs (a change may bring them back there).
  for (const t of base.tiers.filter((b) => !nextIds.has(b.id)))
    await tx.tier.update({ where: { id: t.id }, data: { removedAt: new Date(), version: { increment: 1 } } });
  for (const t of next.tiers) {
    if (isNewId(t.id)) {
      const { prizes, ...row } = tierRows(tenantId, [t])[0]!;
      const created = await tx.tier.create({
        data: { ...row, position: position++, activityId, prizes: { create: prizes.create } },
        select: { id: true },
      });
      moves.push({ id: created.id, stock: t.stock, oldStock: 0 });
      continue;
    }
    const b = before.get(t.id)!;
    const revived = !base.tiers.some((x) => x.id === t.id);
    if (!revived && sameJson(configTierKey(b), configTierKey(t))) continue;
    await tx.tier.update({
      where: { id: t.id },
      data: { ...tierData(tenantId, t), ...(revived ? { removedAt: null } : {}), version: { increment: 1 } },
    });
    if (revived || b.stock !== t.stock) moves.push({ id: t.id, stock: t.stock, oldStock: b.stock });
  }
  return moves;
}

const configTierKey = (t: ConfigTier) => [
  t.name,
  t.probability,
  t.stock,
  t.pacing,
  t.segments ?? [],
  t.autoTune ?? null,
];

/** Tasks changed, brought back, added and taken out (chances already granted stay). */
async function writeTasks(tx: Tx, { tenantId, activityId, base, next, records }: Written): Promise<void> {
  const before = new Map([...records.removedTasks, ...base.tasks].map((t) => [t.id, t]));
  let position = Math.max(-1, ...records.positions.values()) + 1;
  const nextIds = new Set(next.tasks.map((t) => t.id));
  for (const t of base.tasks.filter((b) => !nextIds.has(b.id)))
    await tx.task.update({ where: { id: t.id }, data: { removedAt: new Date() } });
  for (const t of next.tasks) {
    if (isNewId(t.id)) {
      await tx.task.create({ data: { ...taskRows(tenantId, [t])[0]!, position: position++, activityId } });
      continue;
    }
    const b = before.get(t.id)!;
    const revived = !base.tasks.some((x) => x.id === t.id);
    if (!revived && sameJson(b, t)) continue;
    await tx.task.update({
      where: { id: t.id },
      data: { ...taskData(tenantId, t), ...(revived ? { removedAt: null } : {}) },
    });
  }
}
