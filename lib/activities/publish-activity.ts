// POST /api/manage/activities/{id}/publish (issue 3 item 2).
// Invariant: Σ reserved over activity pools + available = what the prize ever had, and no
// pool goes negative. Each prize's need (Σ tier stock × quantity) moves from its total pool
// into this activity's pool under the prize's lock, guarded again in SQL by the Prize
// version and by `availableStock >= need` (and the CHECK constraint), with the ledger rows,
// all in one transaction: a shortfall rolls everything back and names the prize.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { withPrizeLocks } from '../locks/prize-lock';
import { requestRedis, type Redis } from '../redis';
import { rebuildActivityState } from '../draw/rebuild-activity';
import { scheduleDrawLogDrain } from '../draw/drain-draw-log';
import { getActivityOrThrow, getActivityRowOrThrow } from './get-activity';
import { scheduleLifecycle } from './lifecycle';
import type { ActivityDto } from './activity-dto';
import { PROBABILITY_SCALE } from '../draw/probability-scale';

const VERSION_RETRIES = 5;

export async function publishActivity(tenantId: string, actor: Actor, activityId: string, { now = Date.now(), redis }: { now?: number; redis?: Redis } = {}): Promise<ActivityDto> {
  const activity = await getActivityRowOrThrow(tenantId, activityId);
  if (activity.status !== 'DRAFT') throw new AppError('INVALID_STATE', `the activity is ${activity.status}, only a DRAFT can be published`);
  const problems = publishBlockers(activity, now);
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), { issues: problems });

  const need = new Map<string, number>();
  for (const t of activity.tiers) for (const p of t.prizes) need.set(p.prizeId, (need.get(p.prizeId) ?? 0) + t.stock * p.quantity);
  const status = activity.startsAt.getTime() <= now ? 'LIVE' : 'SCHEDULED';

  const r = redis ?? (await requestRedis());
  await withPrizeLocks(r, [...need.keys()], () =>
    reserveAndPublish(tenantId, actor, activity.id, need, status, activity.version));
  // The hot state is built as any rebuild builds it (under its lock, from the records). If this
  // fails the activity is LIVE without hot state: draws fence and rebuild it.
  await rebuildActivityState(r, activity.id, { graceMs: 0, now, reason: 'publish' });
  await scheduleDrawLogDrain(activity.id);
  await scheduleLifecycle(activity.id, now);
  return getActivityOrThrow(tenantId, activity.id);
}

async function reserveAndPublish(tenantId: string, actor: Actor, activityId: string, need: Map<string, number>, status: 'LIVE' | 'SCHEDULED', activityVersion: number) {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.$transaction(async (tx) => {
        for (const [prizeId, quantity] of [...need].sort(([a], [b]) => a.localeCompare(b))) {
          const prize = await tx.prize.findFirst({ where: { id: prizeId, tenantId }, select: { name: true, availableStock: true, version: true } });
          if (!prize) throw new AppError('VALIDATION_FAILED', `prize ${prizeId} not found`);
          if (prize.availableStock < quantity) {
            throw new AppError('INSUFFICIENT_STOCK', `not enough stock of "${prize.name}": ${quantity} needed, ${prize.availableStock} available`, { prizeId, prizeName: prize.name, needed: quantity, available: prize.availableStock });
          }
          const moved = await tx.prize.updateMany({
            where: { id: prizeId, tenantId, version: prize.version, availableStock: { gte: quantity } },
            data: { availableStock: { decrement: quantity }, version: { increment: 1 } },
          });
          if (moved.count !== 1) throw new VersionConflict();
          await tx.activityStock.create({ data: { tenantId, activityId, prizeId, reserved: quantity } });
          await tx.stockMovement.create({
            data: { tenantId, prizeId, activityId, kind: 'RESERVE', poolDelta: -quantity, activityDelta: quantity, reason: 'publish', actorType: actor.type, actorId: actor.id },
          });
        }
        const published = await tx.activity.updateMany({
          where: { id: activityId, tenantId, status: 'DRAFT', version: activityVersion },
          data: { status, publishedAt: new Date(), configVersion: { increment: 1 }, version: { increment: 1 } },
        });
        if (published.count !== 1) throw new AppError('INVALID_STATE', 'the activity changed while publishing; reload and try again');
        await writeAuditLog(tenantId, actor, { action: 'activity.publish', objectType: 'Activity', objectId: activityId, before: { status: 'DRAFT' }, after: { status, reserved: Object.fromEntries(need) } }, tx);
      });
      return;
    } catch (err) {
      if (err instanceof VersionConflict && attempt < VERSION_RETRIES) continue;
      if (err instanceof VersionConflict) throw new AppError('CONFLICT', 'stock is changing too fast, try again');
      if (isUniqueViolation(err)) throw new AppError('INVALID_STATE', 'the activity is already being published');
      throw err;
    }
  }
}

class VersionConflict extends Error {}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === 'P2002';
}

export type PublishBlocker = { path: string; message: string };

/** What stops an activity from being published (the console's checklist shows the same). */
export function publishBlockers(a: { endsAt: Date; tiers: { name: string; probabilityMicros: number; stock: number; prizes: unknown[] }[] }, now = Date.now()): PublishBlocker[] {
  const problems: PublishBlocker[] = [];
  if (a.endsAt.getTime() <= now) problems.push({ path: 'endsAt', message: 'the period has already ended' });
  if (a.tiers.length === 0) problems.push({ path: 'tiers', message: 'add at least one tier' });
  const total = a.tiers.reduce((s, t) => s + t.probabilityMicros, 0);
  if (total > PROBABILITY_SCALE) problems.push({ path: 'tiers', message: 'the odds add up to more than 1' });
  for (const t of a.tiers) if (t.prizes.length === 0) problems.push({ path: 'tiers', message: `tier "${t.name}" awards no prize` });
  return problems;
}
