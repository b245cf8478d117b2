// A configuration change of a published activity, in the records and in the hot state together.
// The caller's writes run in one PostgreSQL transaction under the activity's row lock; just
// before the commit, one script moves the hot state: tier stock (tiers added and taken out too),
// pool units and the compiled config (odds, limits, period, view, version) at once
// (lib/draw/lua/apply-change-4.lua), so a draw is decided
// wholly under the old version or wholly under the new one, and records the one it saw. Lowering
// a tier below the wins it has issued, or releasing units the pool no longer has, is refused
// there, atomically against the draws. If the commit then fails, the script runs again
// backwards. What only the script can know (the wins a tier taken out issued, so the units its
// unissued wins free) it returns, and the caller writes it in the same transaction (`after`).
// The script remembers the change it applied (`tag`), so a retry after a process died
// between the two finds it done and commits. With no hot state (or another generation of it),
// the change is marked and a rebuild reads the records, which hold it.
import type { Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { compileConfig, forgetActivityMeta, snapshotSelect } from '../draw/activity-state';
import { drawKeys } from '../draw/keys';
import { rebuildActivityState } from '../draw/rebuild-activity';
import { lockStateEpoch } from '../draw/write-hot-state';
import { AppError } from '../errors';
import { errorFields, log } from '../log';
import { defineScript, loadLuaScript, type Redis } from '../redis';
import { holdPoint } from '../workers/hold-point';

type Tx = Prisma.TransactionClient;

const applyScript = loadLuaScript('lib/draw/lua', 'apply-change-4.lua');

/** What moves in the hot state beside the config, and between which versions. */
export type ConfigMove = {
  fromVersion: number;
  toVersion: number;
  /** Names the change in the hot state, for a retry to find it done. */
  tag: string;
  tiers: { id: string; stock: number; oldStock: number }[];
  /**
   * Units added to (+) or released from (−) each prize's pool; with `need`, worked out by the
   * script once the wins of the tiers taken out are known (`delta` is then the estimate).
   */
  prizes: { id: string; delta: number; need?: PoolNeed }[];
  /** Tiers taken out: no longer drawn; their unissued wins are freed. */
  removedTiers?: { id: string; stock: number; prizes: { prizeId: string; quantity: number }[] }[];
};

/** A pool's units held and the change's need of it, before and after (without the tiers taken out). */
export type PoolNeed = { held: number; before: number; afterWithoutRemoved: number };

/** What the script moved: the wins each tier taken out issued, the units each pool moved by. */
export type Moved = { issued: Record<string, number>; units: Record<string, number> };

export type ConfigWrite<T> = {
  move: ConfigMove;
  result: T;
  /** Writes in the same transaction what the script moved, before the commit. */
  after?: (tx: Tx, moved: Moved) => Promise<void>;
};

type HotMove = ConfigMove & { epoch: number; cfg: Record<string, string> };

const CONFIG_FIELDS = ['startsAt', 'endsAt', 'free', 'maxDay', 'maxTotal', 'maxWins', 'tiers', 'view', 'version'];

export async function changeConfigLive<T>(
  redis: Redis,
  activityId: string,
  write: (tx: Tx) => Promise<ConfigWrite<T>>,
  { holdAt }: { holdAt?: string } = {},
): Promise<T> {
  let moved: (HotMove & { moved: Moved }) | null = null;
  let outcome = 0;
  let result: T;
  try {
    result = await db.$transaction(async (tx) => {
      const written = await write(tx);
      const epoch = await lockStateEpoch(tx, activityId);
      const snapshot = await tx.activity.findUniqueOrThrow({ where: { id: activityId }, select: snapshotSelect });
      const move: HotMove = { ...written.move, epoch, cfg: configFields(compileConfig(snapshot)) };
      const hot = await moveHotState(redis, activityId, move);
      outcome = hot.code;
      if (hot.moved) moved = { ...move, moved: hot.moved };
      // No state to move: the records decide, the tiers taken out having issued what they say.
      await written.after?.(tx, hot.moved ?? (await movedFromRecords(tx, move)));
      // Tests kill a process here: the hot state moved, the records not yet committed.
      if (holdAt) await holdPoint(holdAt);
      return written.result;
    });
  } catch (err) {
    if (moved) await takeBack(redis, activityId, moved);
    throw err;
  }
  forgetActivityMeta(activityId);
  if (outcome === -1 || outcome === 2) await rebuildActivityState(redis, activityId).catch(() => undefined);
  return result;
}

const configFields = (compiled: Record<string, string>) =>
  Object.fromEntries(CONFIG_FIELDS.map((k) => [k, compiled[k]!]));

/**
 * With no hot state, what a tier taken out issued is what the records hold (the draws that were
 * not written yet are read again by the rebuild), and each pool moves by the estimate.
 */
async function movedFromRecords(tx: Tx, move: ConfigMove): Promise<Moved> {
  const removed = move.removedTiers ?? [];
  const rows = removed.length
    ? await tx.tier.findMany({ where: { id: { in: removed.map((t) => t.id) } }, select: { id: true, issued: true } })
    : [];
  const issued = Object.fromEntries(rows.map((r) => [r.id, r.issued]));
  const units: Record<string, number> = {};
  for (const p of move.prizes) {
    const delta = p.need ? unitsFor(p.need, removed, issued, p.id) : p.delta;
    if (delta !== 0) units[p.id] = delta;
  }
  return { issued, units };
}

/** The script's rule, for the records alone: reserve beyond what is held, release what the change frees. */
function unitsFor(
  need: PoolNeed,
  removed: NonNullable<ConfigMove['removedTiers']>,
  issued: Record<string, number>,
  prizeId: string,
): number {
  const extra = removed.reduce(
    (sum, t) => sum + (issued[t.id] ?? 0) * (t.prizes.find((p) => p.prizeId === prizeId)?.quantity ?? 0),
    0,
  );
  const after = need.afterWithoutRemoved + extra;
  const reserve = Math.max(0, after - need.held);
  const release = after < need.before ? Math.max(0, Math.min(need.before - after, need.held - after)) : 0;
  return reserve > 0 ? reserve : -release;
}

async function moveHotState(
  redis: Redis,
  activityId: string,
  move: HotMove,
): Promise<{ code: number; moved: Moved | null }> {
  const k = drawKeys(activityId);
  const args = [
    move.epoch,
    move.fromVersion,
    move.toVersion,
    move.tag,
    move.tiers.length,
    ...move.tiers.flatMap((t) => [t.id, t.stock, t.oldStock]),
    move.prizes.length,
    ...move.prizes.flatMap((p) => [
      p.id,
      p.delta,
      ...(p.need ? [p.need.held, p.need.before, p.need.afterWithoutRemoved] : [0, -1, 0]),
    ]),
    move.removedTiers?.length ?? 0,
    ...(move.removedTiers ?? []).flatMap((t) => [
      t.id,
      t.stock,
      t.prizes.length,
      ...t.prizes.flatMap((p) => [p.prizeId, p.quantity]),
    ]),
    ...Object.entries(move.cfg).flat(),
  ];
  const keys = [k.cfg, k.stock, k.issued, k.changedWhileMissing];
  const [code, field, n] = (await defineScript(redis, applyScript)(keys, args)) as [number, string?, number?];
  if (code === 1 || code === 3) return { code, moved: readMoved(field) };
  if (code === 0) {
    const tier = field!.startsWith('t:');
    const message = tier
      ? `a tier's stock cannot go below the ${n} wins it has issued`
      : `only ${n} units of the prize are left in the pool to release`;
    throw new AppError(tier ? 'VALIDATION_FAILED' : 'INSUFFICIENT_STOCK', message, {
      issues: [{ path: tier ? 'stock' : 'prizes', message }],
    });
  }
  if (code === 4) throw new AppError('CONFLICT', 'the live state is catching up with another change; try again');
  return { code, moved: null };
}

/** The script's JSON, where an empty table reads as []. */
function readMoved(json: string | undefined): Moved {
  const parsed = JSON.parse(json || '{}') as { issued?: unknown; units?: unknown };
  const map = (v: unknown) => (v && !Array.isArray(v) ? (v as Record<string, number>) : {});
  return { issued: map(parsed.issued), units: map(parsed.units) };
}

/** The commit failed after the hot state moved: the same move backwards, in the same generation. */
async function takeBack(redis: Redis, activityId: string, move: HotMove & { moved: Moved }): Promise<void> {
  try {
    const snapshot = await db.activity.findUniqueOrThrow({ where: { id: activityId }, select: snapshotSelect });
    await moveHotState(redis, activityId, {
      epoch: move.epoch,
      fromVersion: move.toVersion,
      toVersion: move.fromVersion,
      tag: `revert:${move.tag}`,
      // A tier taken out gets its unissued wins back; a tier added keeps none.
      tiers: [
        ...move.tiers.map((t) => ({ id: t.id, stock: t.oldStock, oldStock: t.stock })),
        ...(move.removedTiers ?? []).map((t) => ({ id: t.id, stock: t.stock, oldStock: move.moved.issued[t.id] ?? 0 })),
      ],
      prizes: Object.entries(move.moved.units).map(([id, delta]) => ({ id, delta: -delta })),
      cfg: configFields(compileConfig(snapshot)),
    });
  } catch (err) {
    // The draws moved on past what the old version allows: the state is rebuilt from the records.
    log.error('a change could not be taken back from the hot state; rebuilding it', {
      activityId,
      ...errorFields(err),
    });
    await redis.del(drawKeys(activityId).cfg);
    await rebuildActivityState(redis, activityId).catch(() => undefined);
  }
}
