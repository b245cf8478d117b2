// PATCH /api/manage/activities/{id}/tiers/{tierId}: odds or tier stock while live.
// Odds: the compiled config changes in Redis at once (the next draw uses them). Tier stock:
// the tier's remaining wins move by the same delta; raising it beyond what the activity pools
// hold is allowed (the bundle's prize stock still caps wins), lowering it below what was
// already issued is refused.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import { defineScript, loadLuaScript, requestRedis } from '../redis';
import { compileConfig, forgetActivityMeta, loadActivitySnapshot } from '../draw/activity-state';
import { drawKeys } from '../draw/keys';
import { getActivityOrThrow } from './get-activity';
import type { ActivityDto } from './activity-dto';
import { PROBABILITY_SCALE, toMicros, type PatchTier } from './schemas';
import { maxOddsSum, type Segment } from './segments';

const adjustScript = loadLuaScript('lib/draw/lua', 'adjust-tier-stock-2.lua');

/** `reason` goes into the audit entry: why a system actor (auto-tune) made the change. */
export async function patchTier(tenantId: string, actor: Actor, activityId: string, tierId: string, patch: PatchTier, { reason }: { reason?: Record<string, unknown> } = {}): Promise<ActivityDto> {
  const tier = isUuid(tierId) && isUuid(activityId)
    ? await db.tier.findFirst({ where: { id: tierId, activityId, tenantId }, select: { id: true, probabilityMicros: true, stock: true, version: true, activity: { select: { status: true, tiers: { select: { id: true, probabilityMicros: true, segments: true } } } } } })
    : null;
  if (!tier) throw new AppError('NOT_FOUND', `tier ${tierId} not found`);
  if (tier.activity.status === 'ENDED') throw new AppError('INVALID_STATE', 'the activity has ended');
  const probabilityMicros = patch.probability !== undefined ? toMicros(patch.probability) : tier.probabilityMicros;
  // The most the odds add up to at any local time, time segments included.
  const total = maxOddsSum(tier.activity.tiers.map((t) => ({ probabilityMicros: t.id === tierId ? probabilityMicros : t.probabilityMicros, segments: t.segments as Segment[] }))).micros;
  if (total > PROBABILITY_SCALE) throw new AppError('VALIDATION_FAILED', `the odds would add up to ${total / PROBABILITY_SCALE}, more than 1`, { issues: [{ path: 'probability', message: 'odds sum over 1' }] });
  const stock = patch.stock ?? tier.stock;
  const live = tier.activity.status !== 'DRAFT';
  const redis = live ? await requestRedis() : null;
  const k = drawKeys(activityId);
  const stockMoves = redis !== null && stock !== tier.stock && (await redis.exists(k.cfg)) === 1;
  if (stockMoves) {
    const [ok, issued] = (await defineScript(redis, adjustScript)([k.stock, k.issued], [tierId, stock, tier.stock])) as [number, number];
    if (!ok) throw new AppError('VALIDATION_FAILED', `tier stock cannot go below the ${issued} already issued`, { issues: [{ path: 'stock', message: 'below issued' }] });
  }
  try {
  await db.$transaction(async (tx) => {
    const r = await tx.tier.updateMany({ where: { id: tierId, version: tier.version }, data: { probabilityMicros, stock, version: { increment: 1 } } });
    if (r.count !== 1) throw new AppError('CONFLICT', 'the tier changed meanwhile; reload and try again');
    await tx.activity.update({ where: { id: activityId }, data: { configVersion: { increment: 1 } } });
    await writeAuditLog(tenantId, actor, {
      action: 'tier.update', objectType: 'Tier', objectId: tierId,
      before: { probability: tier.probabilityMicros / PROBABILITY_SCALE, stock: tier.stock },
      after: { probability: probabilityMicros / PROBABILITY_SCALE, stock, ...(reason ? { reason } : {}) },
    }, tx);
  });
  } catch (err) {
    // The records refused the change: take the hot state's move back.
    if (stockMoves) await redis.hincrby(k.stock, `t:${tierId}`, tier.stock - stock);
    throw err;
  }
  if (redis && (await redis.exists(k.cfg))) {
    const snapshot = await loadActivitySnapshot(activityId);
    const cfg = compileConfig(snapshot!);
    const m = redis.multi().hset(k.cfg, { tiers: cfg.tiers!, view: cfg.view!, version: cfg.version! });
    await m.exec();
    forgetActivityMeta(activityId);
  }
  return getActivityOrThrow(tenantId, activityId);
}
