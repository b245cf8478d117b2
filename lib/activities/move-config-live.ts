// A configuration change of a published activity, in the records and in the hot state together.
// The caller's writes run in one PostgreSQL transaction under the activity's row lock; just
// before the commit, one script moves the hot state: tier stock, pool units and the compiled
// config (odds, limits, version) at once (lib/draw/lua/apply-change-4.lua), so a draw is decided
// wholly under the old version or wholly under the new one, and records the one it saw. Lowering
// a tier below the wins it has issued, or releasing units the pool no longer has, is refused
// there, atomically against the draws. If the commit then fails, the script runs again
// backwards. The script remembers the change it applied (`tag`), so a retry after a process died
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
  /** Units added to (+) or released from (−) each prize's pool. */
  prizes: { id: string; delta: number }[];
};

type HotMove = ConfigMove & { epoch: number; cfg: Record<string, string> };

const CONFIG_FIELDS = ['free', 'maxDay', 'maxTotal', 'maxWins', 'tiers', 'view', 'version'];

export async function changeConfigLive<T>(
  redis: Redis,
  activityId: string,
  write: (tx: Tx) => Promise<{ move: ConfigMove; result: T }>,
  { holdAt }: { holdAt?: string } = {},
): Promise<T> {
  let moved: HotMove | null = null;
  let outcome = 0;
  let result: T;
  try {
    result = await db.$transaction(async (tx) => {
      const written = await write(tx);
      const epoch = await lockStateEpoch(tx, activityId);
      const snapshot = await tx.activity.findUniqueOrThrow({ where: { id: activityId }, select: snapshotSelect });
      const move: HotMove = { ...written.move, epoch, cfg: configFields(compileConfig(snapshot)) };
      outcome = await moveHotState(redis, activityId, move);
      moved = move;
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
  const keys = [k.cfg, k.stock, k.issued, k.changedWhileMissing];
  const [code, field, n] = (await defineScript(redis, applyScript)(keys, args)) as [number, string?, number?];
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
  return code;
}

/** The commit failed after the hot state moved: the same move backwards, in the same generation. */
async function takeBack(redis: Redis, activityId: string, move: HotMove): Promise<void> {
  try {
    const snapshot = await db.activity.findUniqueOrThrow({ where: { id: activityId }, select: snapshotSelect });
    await moveHotState(redis, activityId, {
      epoch: move.epoch,
      fromVersion: move.toVersion,
      toVersion: move.fromVersion,
      tag: `revert:${move.tag}`,
      tiers: move.tiers.map((t) => ({ id: t.id, stock: t.oldStock, oldStock: t.stock })),
      prizes: move.prizes.map((p) => ({ id: p.id, delta: -p.delta })),
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
