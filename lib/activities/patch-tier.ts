// PATCH /api/manage/activities/{id}/tiers/{tierId}: odds or tier stock while live.
// The odds and the tier's remaining wins move in the hot state together with the records, in
// one step a draw sees whole (lib/activities/move-config-live.ts). Raising the stock beyond what
// the activity pools hold is allowed (the bundle's prize stock still caps wins), lowering it
// below what was already issued is refused.
import { hasEnded } from '../activity-status';
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import type { Prisma } from '@/generated/prisma/client';
import { requestRedis } from '../redis';
import { getActivityOrThrow } from './get-activity';
import type { ActivityDto } from './activity-dto';
import { PROBABILITY_SCALE } from '../draw/probability-scale';
import { toMicros, type PatchTier } from './schemas';
import { maxOddsSum, type Segment } from '../draw/segments';
import { recordConfigVersion } from './config-versions';
import { changeConfigLive } from './move-config-live';

type Tx = Prisma.TransactionClient;

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
  const record = (tx: Tx) => recordTierChange(tx, { tenantId, actor, tier, probabilityMicros, stock, reason });
  if (tier.activity.status === 'DRAFT') {
    await db.$transaction(record);
  } else {
    // Odds and stock move in the hot state together, with the records (lib/activities/move-config-live.ts).
    await changeConfigLive(await requestRedis(), tier.activityId, async (tx) => {
      const version = await record(tx);
      const tiers = stock !== tier.stock ? [{ id: tier.id, stock, oldStock: tier.stock }] : [];
      const tag = `tier:${tier.id}:${version}`;
      return { move: { fromVersion: version - 1, toVersion: version, tag, tiers, prizes: [] }, result: undefined };
    });
  }
  return getActivityOrThrow(tenantId, tier.activityId);
}

/** The records' side, version-checked and audited; returns the version it records. */
async function recordTierChange(
  tx: Tx,
  {
    tenantId,
    actor,
    tier,
    probabilityMicros,
    stock,
    reason,
  }: {
    tenantId: string;
    actor: Actor;
    tier: TierRow;
    probabilityMicros: number;
    stock: number;
    reason?: Record<string, unknown>;
  },
): Promise<number> {
  const r = await tx.tier.updateMany({
    where: { id: tier.id, version: tier.version },
    data: { probabilityMicros, stock, version: { increment: 1 } },
  });
  if (r.count !== 1) throw new AppError('CONFLICT', 'the tier changed meanwhile; reload and try again');
  await tx.activity.update({ where: { id: tier.activityId }, data: { configVersion: { increment: 1 } } });
  const { version } = await recordConfigVersion(tx, {
    tenantId,
    activityId: tier.activityId,
    actor,
    summary: tierChangeSummary(tier, probabilityMicros, stock),
  });
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
  return version;
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
