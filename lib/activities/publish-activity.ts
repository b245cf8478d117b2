// POST /api/manage/activities/{id}/publish: a draft goes live or scheduled, its stock reserved.
// Invariant: Σ reserved over activity pools + available = what the prize ever had, and no
// pool goes negative. Each prize's need (Σ tier stock × quantity) moves from its total pool
// into this activity's pool under the prize's lock, guarded again by the ledger's writer
// (the Prize version, `availableStock >= need`, lib/inventory/move-stock.ts) and the CHECK
// constraint, with the ledger rows and the status, all in one transaction: a shortfall rolls
// everything back and names the prize.
import type { Prisma } from '@/generated/prisma/client';
import { publicStatus } from '../activity-status';
import { AppError } from '../errors';
import type { Actor } from '../audit/write-audit-log';
import { moveStock } from '../inventory/move-stock';
import { reserveCodes } from '../coupons/coupon-pool';
import { withPrizeLocks } from '../locks/prize-lock';
import { requestRedis, type Redis } from '../redis';
import { getActivityOrThrow, getActivityRowOrThrow } from './get-activity';
import { transitionActivity } from './transition-activity';
import type { ActivityDto } from './activity-dto';
import { PROBABILITY_SCALE } from '../draw/probability-scale';
import { recordConfigVersion } from './config-versions';
import { nowMs } from '../clock';
import { createActivitySeed } from '../fairness/activity-seeds';

export async function publishActivity(
  tenantId: string,
  actor: Actor,
  activityId: string,
  { now = nowMs(), redis }: { now?: number; redis?: Redis } = {},
): Promise<ActivityDto> {
  const activity = await getActivityRowOrThrow(tenantId, activityId);
  if (activity.status !== 'DRAFT') {
    const status = publicStatus(activity.status);
    throw new AppError('INVALID_STATE', `the activity is ${status}, only a DRAFT can be published`);
  }
  const problems = publishBlockers(activity, now);
  if (problems.length)
    throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), { issues: problems });

  const need = new Map<string, number>();
  for (const t of activity.tiers)
    for (const p of t.prizes) need.set(p.prizeId, (need.get(p.prizeId) ?? 0) + t.stock * p.quantity);
  const r = redis ?? (await requestRedis());
  // The status and the reservations in one transaction, under the prizes' locks; then the first
  // hot state, the drain and the scheduled start and end (lib/activities/transition-activity.ts).
  const outcome = await transitionActivity({
    activityId: activity.id,
    tenantId,
    from: ['DRAFT'],
    version: activity.version,
    to: activity.startsAt.getTime() <= now ? 'LIVE' : 'SCHEDULED',
    actor,
    action: 'activity.publish',
    audit: { reserved: Object.fromEntries(need) },
    columns: { publishedAt: new Date() },
    inTransaction: async (tx) => {
      await reserve(tx, { tenantId, actor, activityId: activity.id, need });
      await tx.activity.update({ where: { id: activity.id }, data: { configVersion: { increment: 1 } } });
      await recordConfigVersion(tx, { tenantId, activityId: activity.id, actor, summary: 'published' });
      // The fairness seed is committed before any draw can use it (docs/fairness.md).
      await createActivitySeed(tx, { tenantId, activityId: activity.id, now: new Date(now) });
    },
    lock: (inside) => withPrizeLocks(r, [...need.keys()], inside),
    now,
    redis: r,
  }).catch((err: unknown) => {
    if (isUniqueViolation(err)) throw new AppError('INVALID_STATE', 'the activity is already being published');
    throw err;
  });
  if (!outcome.applied) {
    throw new AppError('INVALID_STATE', 'the activity changed while publishing; reload and try again');
  }
  return getActivityOrThrow(tenantId, activity.id);
}

/** Units of each prize the activity needs: Σ tier stock × quantity. */
type Need = Map<string, number>;

/** Each prize's need from its total pool into the activity's, in id order, all or nothing. */
async function reserve(
  tx: Prisma.TransactionClient,
  { tenantId, actor, activityId, need }: { tenantId: string; actor: Actor; activityId: string; need: Need },
) {
  for (const [prizeId, quantity] of [...need].sort(([a], [b]) => a.localeCompare(b))) {
    const select = { name: true, kind: true, availableStock: true } as const;
    const prize = await tx.prize.findFirst({ where: { id: prizeId, tenantId }, select });
    if (!prize) throw new AppError('VALIDATION_FAILED', `prize ${prizeId} not found`);
    if (prize.availableStock < quantity) {
      const message = `not enough stock of "${prize.name}": ${quantity} needed, ${prize.availableStock} available`;
      const details = { prizeId, prizeName: prize.name, needed: quantity, available: prize.availableStock };
      throw new AppError('INSUFFICIENT_STOCK', message, details);
    }
    const reservation = { poolDelta: -quantity, activityDelta: quantity, reason: 'publish' };
    await moveStock(tx, { tenantId, prizeId, activityId, kind: 'RESERVE', ...reservation, actor });
    // A coupon prize's units are its codes: as many move into the activity's pool.
    if (prize.kind === 'COUPON') await reserveCodes(tx, { activityId, prizeId, quantity });
  }
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === 'P2002';
}

export type PublishBlocker = { path: string; message: string };

/** What stops an activity from being published (the console's checklist shows the same). */
export function publishBlockers(
  a: { endsAt: Date; tiers: { name: string; probabilityMicros: number; stock: number; prizes: unknown[] }[] },
  now = nowMs(),
): PublishBlocker[] {
  const problems: PublishBlocker[] = [];
  if (a.endsAt.getTime() <= now) problems.push({ path: 'endsAt', message: 'the period has already ended' });
  if (a.tiers.length === 0) problems.push({ path: 'tiers', message: 'add at least one tier' });
  const total = a.tiers.reduce((s, t) => s + t.probabilityMicros, 0);
  if (total > PROBABILITY_SCALE) problems.push({ path: 'tiers', message: 'the odds add up to more than 1' });
  for (const t of a.tiers)
    if (t.prizes.length === 0) problems.push({ path: 'tiers', message: `tier "${t.name}" awards no prize` });
  return problems;
}
