// A spec (or a draft) as the columns and child rows of an Activity: one mapping shared by
// creating an activity and saving a draft, so both store a spec the same way.
import { db } from '../db';
import { AppError } from '../errors';
import { toMicros, toSegments, type DraftSpec } from './schemas';

export function activityColumns(spec: DraftSpec) {
  return {
    name: spec.name,
    gameplay: spec.gameplay.toUpperCase() as 'WHEEL' | 'GRID' | 'SCRATCH',
    startsAt: new Date(spec.startsAt),
    endsAt: new Date(spec.endsAt),
    timezone: spec.timezone,
    materials: spec.materials,
    translations: spec.translations ?? {},
    freeDrawsPerDay: spec.limits.freeDrawsPerDay,
    maxDrawsPerDay: spec.limits.maxDrawsPerDay ?? null,
    maxDrawsTotal: spec.limits.maxDrawsTotal ?? null,
    maxWinsPerUser: spec.limits.maxWinsPerUser ?? null,
    claimWindowHours: spec.claimWindowHours ?? null,
    fixedWinners: spec.fixedWinners ?? null,
    pauseOnDrift: spec.pauseOnDrift ?? false,
  };
}

export function tierRows(tenantId: string, tiers: DraftSpec['tiers']) {
  return tiers.map((t, position) => ({
    tenantId,
    name: t.name,
    position,
    probabilityMicros: toMicros(t.probability),
    stock: t.stock,
    pacing: t.pacing === 'even' ? ('EVEN' as const) : ('NONE' as const),
    segments: toSegments(t.segments),
    autoTuneMinMicros: t.autoTune ? toMicros(t.autoTune.minProbability) : null,
    autoTuneMaxMicros: t.autoTune ? toMicros(t.autoTune.maxProbability) : null,
    prizes: { create: t.prizes.map((p) => ({ prizeId: p.prizeId, quantity: p.quantity })) },
  }));
}

export function taskRows(tenantId: string, tasks: DraftSpec['tasks']) {
  return tasks.map((t, position) => ({
    tenantId,
    kind: t.kind.toUpperCase() as 'SIGN_IN' | 'SHARE' | 'INVITE' | 'EVENT',
    name: t.name,
    eventType: t.kind === 'event' ? t.eventType : null,
    confirmBy: t.kind === 'share' && t.confirmBy === 'event' ? 'event' : null,
    chances: t.chances,
    perDay: t.perDay ?? null,
    total: t.total ?? null,
    position,
  }));
}

/** Every prize a spec awards must be the tenant's own; another tenant's prize is unknown. */
export async function assertPrizesOwned(tenantId: string, spec: Pick<DraftSpec, 'tiers'>) {
  const prizeIds = [...new Set(spec.tiers.flatMap((t) => t.prizes.map((p) => p.prizeId)))];
  const owned = await db.prize.findMany({ where: { tenantId, id: { in: prizeIds } }, select: { id: true } });
  const missing = prizeIds.filter((id) => !owned.some((p) => p.id === id));
  if (missing.length) {
    throw new AppError('VALIDATION_FAILED', `unknown prize ${missing.join(', ')}`, {
      issues: missing.map((id) => ({ path: 'tiers.prizes.prizeId', message: `prize ${id} not found` })),
    });
  }
}
