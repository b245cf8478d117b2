// PATCH /api/manage/activities/{id}/tiers/{tierId}: odds or tier stock while live.
// Odds: the compiled config changes in Redis at once (the next draw uses them). Tier stock:
// the tier's remaining wins move by the same delta; raising it beyond what the activity pools
// hold is allowed (the bundle's prize stock still caps wins), lowering it below what was
// already issued is refused.
import { hasEnded } from '../activity-status';
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import { defineScript, loadLuaScript, requestRedis, type Redis } from '../redis';
import { compileConfig, loadActivitySnapshot } from '../draw/activity-state';
import { drawKeys } from '../draw/keys';
import { carryToHotState, lockStateEpoch, onHotState, writeHotState } from '../draw/write-hot-state';
import { getActivityOrThrow } from './get-activity';
import type { ActivityDto } from './activity-dto';
import { PROBABILITY_SCALE } from '../draw/probability-scale';
import { toMicros, type PatchTier } from './schemas';
import { maxOddsSum, type Segment } from '../draw/segments';
import { recordConfigVersion } from './config-versions';

const adjustScript = loadLuaScript('lib/draw/lua', 'adjust-tier-stock-3.lua');

const tierSelect = {
  id: true,
  name: true,
  activityId: true,
  probabilityMicros: true,
  stock: true,
  version: true,
  activity: { select: { status: true, tiers: { select: { id: true, probabilityMicros: true, segments: true } } } },
} as const;
type TierRow = {
  id: string;
  name: string;
  activityId: string;
  probabilityMicros: number;
  stock: number;
  version: number;
};

export type TierChange = {
  activityId: string;
  tierId: string;
  patch: PatchTier;
  /** Goes into the audit entry: why a system actor (auto-tune) made the change. */
  reason?: Record<string, unknown>;
};

export async function patchTier(tenantId: string, actor: Actor, change: TierChange): Promise<ActivityDto> {
  const { activityId, tierId, patch, reason } = change;
  const tier =
    isUuid(tierId) && isUuid(activityId)
      ? await db.tier.findFirst({ where: { id: tierId, activityId, tenantId }, select: tierSelect })
      : null;
  if (!tier) throw new AppError('NOT_FOUND', `tier ${tierId} not found`);
  if (hasEnded(tier.activity.status)) throw new AppError('INVALID_STATE', 'the activity has ended');
  const probabilityMicros = patch.probability !== undefined ? toMicros(patch.probability) : tier.probabilityMicros;
  // The most the odds add up to at any local time, time segments included.
  const total = maxOddsSum(
    tier.activity.tiers.map((t) => ({
      probabilityMicros: t.id === tier.id ? probabilityMicros : t.probabilityMicros,
      segments: t.segments as Segment[],
    })),
  ).micros;
  if (total > PROBABILITY_SCALE) {
    throw new AppError('VALIDATION_FAILED', `the odds would add up to ${total / PROBABILITY_SCALE}, more than 1`, {
      issues: [{ path: 'probability', message: 'odds sum over 1' }],
    });
  }
  const stock = patch.stock ?? tier.stock;
  const redis = tier.activity.status !== 'DRAFT' ? await requestRedis() : null;
  const movedAt = redis !== null && stock !== tier.stock ? await moveTierStock(redis, tier, stock) : null;
  let epoch: number;
  try {
    epoch = await recordTierChange({ tenantId, actor, tier, probabilityMicros, stock, movedAt, reason });
  } catch (err) {
    // The records refused the change: take the move back, in the generation it was made in.
    if (redis !== null && movedAt !== null) {
      const back = { [`t:${tier.id}`]: tier.stock - stock };
      await writeHotState(redis, tier.activityId, movedAt, { hash: 'stock', op: 'add', fields: back });
    }
    throw err;
  }
  if (redis !== null) {
    const { tiers, view, version } = compileConfig((await loadActivitySnapshot(tier.activityId))!);
    const fields = { tiers: tiers!, view: view!, version: version! };
    await carryToHotState(redis, tier.activityId, epoch, { hash: 'cfg', op: 'set', fields });
  }
  return getActivityOrThrow(tenantId, tier.activityId);
}

/**
 * Tier stock moves in the hot state first, atomically against draws and never below what was
 * issued (a missing state is rebuilt first). Returns the state generation it moved in.
 */
async function moveTierStock(redis: Redis, tier: TierRow, stock: number): Promise<number> {
  const k = drawKeys(tier.activityId);
  return onHotState(redis, tier.activityId, async () => {
    const adjust = defineScript(redis, adjustScript);
    const [ok, issued, epoch] = (await adjust([k.cfg, k.stock, k.issued], [tier.id, stock, tier.stock])) as number[];
    if (ok === -1) return 'missing';
    if (ok === 0) {
      throw new AppError('VALIDATION_FAILED', `tier stock cannot go below the ${issued} already issued`, {
        issues: [{ path: 'stock', message: 'below issued' }],
      });
    }
    return epoch!;
  });
}

/**
 * The records' side, version-checked and audited. Returns the activity's state generation, read
 * under its row lock; if the stock moved in another generation (the state was rebuilt since,
 * and the move went with the old state), the change is refused.
 */
async function recordTierChange({
  tenantId,
  actor,
  tier,
  probabilityMicros,
  stock,
  movedAt,
  reason,
}: {
  tenantId: string;
  actor: Actor;
  tier: TierRow;
  probabilityMicros: number;
  stock: number;
  movedAt: number | null;
  reason?: Record<string, unknown>;
}): Promise<number> {
  return db.$transaction(async (tx) => {
    const r = await tx.tier.updateMany({
      where: { id: tier.id, version: tier.version },
      data: { probabilityMicros, stock, version: { increment: 1 } },
    });
    if (r.count !== 1) throw new AppError('CONFLICT', 'the tier changed meanwhile; reload and try again');
    await tx.activity.update({ where: { id: tier.activityId }, data: { configVersion: { increment: 1 } } });
    await recordConfigVersion(tx, {
      tenantId,
      activityId: tier.activityId,
      actor,
      summary: tierChangeSummary(tier, probabilityMicros, stock),
    });
    const epoch = await lockStateEpoch(tx, tier.activityId);
    if (movedAt !== null && epoch !== movedAt) {
      throw new AppError('CONFLICT', 'the live state was restored meanwhile; try again');
    }
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'tier.update',
        objectType: 'Tier',
        objectId: tier.id,
        before: { probability: tier.probabilityMicros / PROBABILITY_SCALE, stock: tier.stock },
        after: { probability: probabilityMicros / PROBABILITY_SCALE, stock, ...(reason ? { reason } : {}) },
      },
      tx,
    );
    return epoch;
  });
}

/** "Gold: odds 10 % → 20 %, stock 100 → 150", naming only what moved. */
function tierChangeSummary(tier: TierRow, probabilityMicros: number, stock: number): string {
  const percent = (micros: number) =>
    `${(micros / (PROBABILITY_SCALE / 100)).toLocaleString('en', { maximumFractionDigits: 4 })} %`;
  const moved = [
    probabilityMicros !== tier.probabilityMicros
      ? `odds ${percent(tier.probabilityMicros)} → ${percent(probabilityMicros)}`
      : null,
    stock !== tier.stock ? `stock ${tier.stock} → ${stock}` : null,
  ].filter((x) => x !== null);
  return `${tier.name}: ${moved.length ? moved.join(', ') : 'unchanged'}`;
}
