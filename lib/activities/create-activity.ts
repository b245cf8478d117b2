import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { activitySelect, toActivityDto, type ActivityDto } from './activity-dto';
import { toMicros, toSegments, type ActivitySpec } from './schemas';

/** A DRAFT activity from a validated spec; every prize must be the tenant's own. */
export async function createActivity(tenantId: string, actor: Actor, spec: ActivitySpec): Promise<ActivityDto> {
  const prizeIds = [...new Set(spec.tiers.flatMap((t) => t.prizes.map((p) => p.prizeId)))];
  const owned = await db.prize.findMany({ where: { tenantId, id: { in: prizeIds } }, select: { id: true } });
  const missing = prizeIds.filter((id) => !owned.some((p) => p.id === id));
  if (missing.length) {
    throw new AppError('VALIDATION_FAILED', `unknown prize ${missing.join(', ')}`, { issues: missing.map((id) => ({ path: 'tiers.prizes.prizeId', message: `prize ${id} not found` })) });
  }
  const activity = await db.$transaction(async (tx) => {
    const created = await tx.activity.create({
      data: {
        tenantId,
        name: spec.name,
        gameplay: spec.gameplay.toUpperCase() as 'WHEEL' | 'GRID' | 'SCRATCH',
        startsAt: new Date(spec.startsAt),
        endsAt: new Date(spec.endsAt),
        timezone: spec.timezone,
        materials: spec.materials,
        freeDrawsPerDay: spec.limits.freeDrawsPerDay,
        maxDrawsPerDay: spec.limits.maxDrawsPerDay ?? null,
        maxDrawsTotal: spec.limits.maxDrawsTotal ?? null,
        maxWinsPerUser: spec.limits.maxWinsPerUser ?? null,
        claimWindowHours: spec.claimWindowHours ?? null,
        fixedWinners: spec.fixedWinners ?? null,
        pauseOnDrift: spec.pauseOnDrift ?? false,
        tiers: {
          create: spec.tiers.map((t, position) => ({
            tenantId,
            name: t.name,
            position,
            probabilityMicros: toMicros(t.probability),
            stock: t.stock,
            pacing: t.pacing === 'even' ? 'EVEN' : 'NONE',
            segments: toSegments(t.segments),
            autoTuneMinMicros: t.autoTune ? toMicros(t.autoTune.minProbability) : null,
            autoTuneMaxMicros: t.autoTune ? toMicros(t.autoTune.maxProbability) : null,
            prizes: { create: t.prizes.map((p) => ({ prizeId: p.prizeId, quantity: p.quantity })) },
          })),
        },
        tasks: {
          create: spec.tasks.map((t, position) => ({
            tenantId,
            kind: t.kind.toUpperCase() as 'SIGN_IN' | 'SHARE' | 'INVITE' | 'EVENT',
            name: t.name,
            eventType: t.kind === 'event' ? t.eventType : null,
            chances: t.chances,
            perDay: t.perDay ?? null,
            total: t.total ?? null,
            position,
          })),
        },
      },
      select: activitySelect,
    });
    await writeAuditLog(tenantId, actor, { action: 'activity.create', objectType: 'Activity', objectId: created.id, after: spec }, tx);
    return created;
  });
  return toActivityDto(activity);
}
