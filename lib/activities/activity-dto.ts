import type { Prisma } from '@/generated/prisma/client';
import { publicStatus } from '../activity-status';
import { PROBABILITY_SCALE } from '../draw/probability-scale';
import type { Segment } from '../draw/segments';
import { translationsOf, type SpecTranslation } from '../i18n/translate';

export const activitySelect = {
  id: true,
  tenantId: true,
  name: true,
  status: true,
  gameplay: true,
  startsAt: true,
  endsAt: true,
  timezone: true,
  materials: true,
  translations: true,
  freeDrawsPerDay: true,
  maxDrawsPerDay: true,
  maxDrawsTotal: true,
  maxWinsPerUser: true,
  claimWindowHours: true,
  fixedWinners: true,
  pauseOnDrift: true,
  configVersion: true,
  version: true,
  publishedAt: true,
  endedAt: true,
  createdAt: true,
  updatedAt: true,
  // A tier or task a change took out is history (its wins, its grants), not configuration.
  tiers: {
    where: { removedAt: null },
    select: {
      id: true,
      name: true,
      position: true,
      probabilityMicros: true,
      stock: true,
      issued: true,
      pacing: true,
      segments: true,
      autoTuneMinMicros: true,
      autoTuneMaxMicros: true,
      prizes: {
        select: { prizeId: true, quantity: true, prize: { select: { name: true, kind: true, valueMinor: true } } },
        orderBy: { prizeId: 'asc' },
      },
    },
    orderBy: { position: 'asc' },
  },
  tasks: {
    where: { removedAt: null },
    select: {
      id: true,
      kind: true,
      name: true,
      eventType: true,
      confirmBy: true,
      chances: true,
      perDay: true,
      total: true,
    },
    orderBy: { position: 'asc' },
  },
  stocks: { select: { prizeId: true, reserved: true, issued: true, returned: true } },
} satisfies Prisma.ActivitySelect;
export type ActivityRow = Prisma.ActivityGetPayload<{ select: typeof activitySelect }>;

export type ActivityDto = ReturnType<typeof toActivityDto>;

export function toActivityDto(a: ActivityRow) {
  return {
    id: a.id,
    name: a.name,
    status: publicStatus(a.status),
    gameplay: a.gameplay.toLowerCase(),
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    timezone: a.timezone,
    limits: {
      freeDrawsPerDay: a.freeDrawsPerDay,
      ...(a.maxDrawsPerDay !== null ? { maxDrawsPerDay: a.maxDrawsPerDay } : {}),
      ...(a.maxDrawsTotal !== null ? { maxDrawsTotal: a.maxDrawsTotal } : {}),
      ...(a.maxWinsPerUser !== null ? { maxWinsPerUser: a.maxWinsPerUser } : {}),
    },
    materials: a.materials as Record<string, string>,
    translations: translationsOf<SpecTranslation>(a.translations),
    ...(a.claimWindowHours !== null ? { claimWindowHours: a.claimWindowHours } : {}),
    ...(a.fixedWinners !== null ? { fixedWinners: a.fixedWinners } : {}),
    pauseOnDrift: a.pauseOnDrift,
    tiers: a.tiers.map((t) => ({
      id: t.id,
      name: t.name,
      probability: t.probabilityMicros / PROBABILITY_SCALE,
      stock: t.stock,
      issued: t.issued,
      pacing: t.pacing.toLowerCase(),
      ...((t.segments as Segment[]).length
        ? {
            segments: (t.segments as Segment[]).map(({ probabilityMicros, ...s }) => ({
              ...s,
              probability: probabilityMicros / PROBABILITY_SCALE,
            })),
          }
        : {}),
      ...(t.autoTuneMinMicros !== null && t.autoTuneMaxMicros !== null
        ? {
            autoTune: {
              minProbability: t.autoTuneMinMicros / PROBABILITY_SCALE,
              maxProbability: t.autoTuneMaxMicros / PROBABILITY_SCALE,
            },
          }
        : {}),
      prizes: t.prizes.map((p) => ({
        prizeId: p.prizeId,
        quantity: p.quantity,
        name: p.prize.name,
        kind: p.prize.kind.toLowerCase(),
      })),
    })),
    tasks: a.tasks.map((t) => ({
      id: t.id,
      kind: t.kind.toLowerCase(),
      name: t.name,
      chances: t.chances,
      ...(t.eventType ? { eventType: t.eventType } : {}),
      ...(t.confirmBy ? { confirmBy: t.confirmBy } : {}),
      ...(t.perDay !== null ? { perDay: t.perDay } : {}),
      ...(t.total !== null ? { total: t.total } : {}),
    })),
    stock: a.stocks.map((s) => ({
      prizeId: s.prizeId,
      reserved: s.reserved,
      issued: s.issued,
      returned: s.returned,
      remaining: s.reserved - s.issued - s.returned,
    })),
    configVersion: a.configVersion,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    endedAt: a.endedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}
