// Applying a change: one PostgreSQL transaction under the activity's row lock checks that the
// change's base is still the version in force (else 409 CONFLICT, and the change is marked so),
// writes the tiers and limits, moves pool stock through the ledger's one writer
// (lib/inventory/move-stock.ts), records the next version and marks the change APPLIED, only
// from PENDING or SCHEDULED (so a job delivered twice applies it once). Just before the commit,
// one script moves the hot state: tier stock, pool units and the compiled config together
// (lib/draw/lua/apply-change-4.lua), so a draw is decided wholly under the old version or wholly
// under the new one. If the commit then fails, the script runs again backwards. A process that
// dies between the two leaves the hot state ahead of the records; a scheduled change's job runs
// again and finds the state already holding this change, and commits.
import type { Prisma } from '@/generated/prisma/client';
import { hasEnded, publicStatus } from '../activity-status';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { compileConfig, forgetActivityMeta, snapshotSelect } from '../draw/activity-state';
import { drawKeys } from '../draw/keys';
import { rebuildActivityState } from '../draw/rebuild-activity';
import { lockStateEpoch } from '../draw/write-hot-state';
import { AppError } from '../errors';
import { moveStock } from '../inventory/move-stock';
import { withPrizeLocks } from '../locks/prize-lock';
import { errorFields, log } from '../log';
import { holdPoint } from '../workers/hold-point';
import { defineScript, loadLuaScript, requestRedis, type Redis } from '../redis';
import { activitySelect } from './activity-dto';
import { diffConfigs, patchedConfig, summarizeDiff } from './change-diff';
import { changeSelect, type ChangeRow } from './change-dto';
import type { ChangePatch } from './change-schemas';
import { configSnapshot, recordConfigVersion } from './config-versions';
import { toMicros } from './schemas';

type Tx = Prisma.TransactionClient;

const applyScript = loadLuaScript('lib/draw/lua', 'apply-change-4.lua');

/** The hot state's side of a change, in the order apply-change-4.lua reads it. */
type HotMove = {
  epoch: number;
  fromVersion: number;
  toVersion: number;
  tag: string;
  tiers: { id: string; stock: number; oldStock: number }[];
  prizes: { id: string; delta: number }[];
  cfg: Record<string, string>;
};

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
  let moved: HotMove | null = null;
  let outcome: number | null = null;
  try {
    await withPrizeLocks(redis, prizeIds, () =>
      db.$transaction(async (tx) => {
        const move = await applyInRecords(tx, change, by);
        outcome = await moveHotState(redis, change.activityId, move);
        moved = move;
        // Tests kill a process here: the hot state moved, the records not yet committed.
        await holdPoint('change:apply', change.id);
      }),
    );
  } catch (err) {
    if (moved) await takeBack(redis, change.activityId, moved);
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
  forgetActivityMeta(change.activityId);
  // No state, or another generation of it: a rebuild reads the records, which now hold the change.
  if (outcome === -1 || outcome === 2) await rebuildActivityState(redis, change.activityId).catch(() => undefined);
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

async function applyInRecords(tx: Tx, change: ChangeRow, by: Actor): Promise<HotMove> {
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

  const tiers: HotMove['tiers'] = [];
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
  const prizes: HotMove['prizes'] = [];
  const proposer = { type: change.proposerType, id: change.proposerId ?? '' } as Actor;
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
  const epoch = await lockStateEpoch(tx, activityId);
  const snapshot = await tx.activity.findUniqueOrThrow({ where: { id: activityId }, select: snapshotSelect });
  const compiled = compileConfig(snapshot);
  const cfg = pick(compiled, ['free', 'maxDay', 'maxTotal', 'maxWins', 'tiers', 'view', 'version']);
  return { epoch, fromVersion: change.baseVersion, toVersion: recorded.version, tag: change.id, tiers, prizes, cfg };
}

const pick = (o: Record<string, string>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]!]));

async function moveHotState(redis: Redis, activityId: string, move: HotMove): Promise<number> {
  const k = drawKeys(activityId);
  const args = [
    move.epoch,
    move.fromVersion,
    move.toVersion,
    move.tag,
    move.tiers.length,
    ...move.tiers.flatMap((t) => [t.id, t.stock, t.oldStock]),
    move.prizes.length,
    ...move.prizes.flatMap((p) => [p.id, p.delta]),
    ...Object.entries(move.cfg).flat(),
  ];
  const [code, field, n] = (await defineScript(redis, applyScript)(
    [k.cfg, k.stock, k.issued, k.changedWhileMissing],
    args,
  )) as [number, string?, number?];
  if (code === 0) {
    const tier = field!.startsWith('t:');
    const message = tier
      ? `a tier's stock cannot go below the ${n} wins it has issued`
      : `only ${n} units of the prize are left in the pool to release`;
    throw new AppError(tier ? 'VALIDATION_FAILED' : 'INSUFFICIENT_STOCK', message, {
      issues: [{ path: tier ? `patch.tiers.${field!.slice(2)}.stock` : 'patch.tiers', message }],
    });
  }
  if (code === 4) throw new AppError('CONFLICT', 'the live state is at another version; try again');
  return code;
}

/** The commit failed after the hot state moved: the same move backwards, in the same generation. */
async function takeBack(redis: Redis, activityId: string, move: HotMove): Promise<void> {
  const snapshot = await db.activity.findUnique({ where: { id: activityId }, select: snapshotSelect });
  if (!snapshot) return;
  const compiled = compileConfig(snapshot);
  const back: HotMove = {
    epoch: move.epoch,
    fromVersion: move.toVersion,
    toVersion: move.fromVersion,
    tag: `revert:${move.tag}`,
    tiers: move.tiers.map((t) => ({ id: t.id, stock: t.oldStock, oldStock: t.stock })),
    prizes: move.prizes.map((p) => ({ id: p.id, delta: -p.delta })),
    cfg: pick(compiled, ['free', 'maxDay', 'maxTotal', 'maxWins', 'tiers', 'view', 'version']),
  };
  try {
    await moveHotState(redis, activityId, back);
  } catch (err) {
    // The draws moved on past what the old version allows: rebuild the state from the records.
    log.error('a change could not be taken back from the hot state; rebuilding it', {
      activityId,
      ...errorFields(err),
    });
    await redis.del(drawKeys(activityId).cfg);
    await rebuildActivityState(redis, activityId).catch(() => undefined);
  }
}
