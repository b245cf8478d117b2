// GET /api/v1/activities/{id}: what an end user may see, odds disclosed as configured.
import { publicStatus } from '../activity-status';
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { PROBABILITY_SCALE } from '../draw/probability-scale';
import { FAIRNESS_ALGORITHM } from '../fairness/derive-draw-number';

export async function getPublicActivity(tenantId: string, activityId: string) {
  const a = isUuid(activityId)
    ? await db.activity.findFirst({
        where: { id: activityId, tenantId, status: { not: 'DRAFT' } },
        select: {
          id: true,
          name: true,
          gameplay: true,
          materials: true,
          startsAt: true,
          endsAt: true,
          timezone: true,
          status: true,
          freeDrawsPerDay: true,
          maxDrawsPerDay: true,
          maxDrawsTotal: true,
          maxWinsPerUser: true,
          tiers: {
            select: {
              id: true,
              name: true,
              probabilityMicros: true,
              prizes: {
                select: { quantity: true, prize: { select: { id: true, name: true, kind: true, imageUrl: true } } },
                orderBy: { prizeId: 'asc' },
              },
            },
            orderBy: { position: 'asc' },
          },
          seeds: { select: { commitment: true }, orderBy: { activeFrom: 'desc' }, take: 1 },
        },
      })
    : null;
  if (!a) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  const winMicros = a.tiers.reduce((s, t) => s + t.probabilityMicros, 0);
  return {
    id: a.id,
    name: a.name,
    gameplay: a.gameplay.toLowerCase(),
    materials: a.materials,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    timezone: a.timezone,
    status: publicStatus(a.status),
    limits: {
      freeDrawsPerDay: a.freeDrawsPerDay,
      maxDrawsPerDay: a.maxDrawsPerDay,
      maxDrawsTotal: a.maxDrawsTotal,
      maxWinsPerUser: a.maxWinsPerUser,
    },
    tiers: a.tiers.map((t) => ({
      id: t.id,
      name: t.name,
      probability: t.probabilityMicros / PROBABILITY_SCALE,
      prizes: t.prizes.map((p) => ({
        prizeId: p.prize.id,
        name: p.prize.name,
        kind: p.prize.kind.toLowerCase(),
        imageUrl: p.prize.imageUrl,
        quantity: p.quantity,
      })),
    })),
    noWinProbability: (PROBABILITY_SCALE - winMicros) / PROBABILITY_SCALE,
    // The seed committed last (docs/fairness.md): the one in use, or after the end the last one used;
    // null for an activity published before seeds that has none yet.
    fairness: { commitment: a.seeds[0]?.commitment ?? null, algorithm: FAIRNESS_ALGORITHM },
  };
}
