// An activity as its spec, the management API's format: what the console exports as JSON and imports again.
// Times carry the activity's own offset, as an operator would write them.
import type { ActivityDto } from './activity-dto';
import type { DraftSpec } from './schemas';
import { toZonedIso } from './zoned-time';

export function toActivitySpec(a: ActivityDto): DraftSpec {
  return {
    name: a.name,
    gameplay: a.gameplay as DraftSpec['gameplay'],
    startsAt: toZonedIso(a.startsAt, a.timezone),
    endsAt: toZonedIso(a.endsAt, a.timezone),
    timezone: a.timezone,
    limits: a.limits,
    tiers: a.tiers.map((t) => ({
      name: t.name,
      probability: t.probability,
      stock: t.stock,
      prizes: t.prizes.map((p) => ({ prizeId: p.prizeId, quantity: p.quantity })),
      pacing: t.pacing as 'none' | 'even',
      ...(t.segments ? { segments: t.segments } : {}),
      ...(t.autoTune ? { autoTune: t.autoTune } : {}),
    })),
    tasks: a.tasks.map((t) =>
      t.kind === 'event'
        ? {
            kind: 'event' as const,
            eventType: t.eventType ?? '',
            name: t.name,
            chances: t.chances,
            ...(t.perDay ? { perDay: t.perDay } : {}),
            ...(t.total ? { total: t.total } : {}),
          }
        : {
            kind: t.kind as 'sign_in' | 'share' | 'invite',
            name: t.name,
            chances: t.chances,
            ...(t.kind === 'share' && t.confirmBy === 'event' ? { confirmBy: 'event' as const } : {}),
            ...(t.perDay ? { perDay: t.perDay } : {}),
            ...(t.total ? { total: t.total } : {}),
          },
    ),
    materials: a.materials,
    ...(Object.keys(a.translations).length ? { translations: a.translations } : {}),
    ...(a.claimWindowHours ? { claimWindowHours: a.claimWindowHours } : {}),
    ...(a.fixedWinners ? { fixedWinners: a.fixedWinners } : {}),
    ...(a.pauseOnDrift ? { pauseOnDrift: true } : {}),
  };
}
