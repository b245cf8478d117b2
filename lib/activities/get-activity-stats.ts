// GET /api/manage/activities/{id}/stats. Exact figures from PostgreSQL (the record): after
// draws settle they equal what the rows say, because they are what the rows say.
import { db } from '../db';
import { getActivityRowOrThrow } from './get-activity';
import { PROBABILITY_SCALE } from '../draw/probability-scale';

export type ActivityStats = {
  draws: number;
  wins: number;
  uniqueUsers: number;
  byTier: { tierId: string; name: string; configured: number; wins: number; drawShare: number }[];
  stock: { prizeId: string; reserved: number; issued: number; returned: number; remaining: number }[];
  risk: { events: number };
};

export async function getActivityStats(tenantId: string, activityId: string): Promise<ActivityStats> {
  const activity = await getActivityRowOrThrow(tenantId, activityId);
  const [totals, tierWins, prizeIssued, riskEvents] = await Promise.all([
    db.participation.aggregate({ where: { activityId }, _sum: { draws: true, wins: true }, _count: { _all: true } }),
    db.draw.groupBy({ by: ['tierId'], where: { activityId, outcome: 'WIN' }, _count: { _all: true } }),
    db.win.groupBy({ by: ['prizeId'], where: { activityId, status: { not: 'VOID' } }, _sum: { quantity: true } }),
    db.riskEvent.count({ where: { activityId, tenantId } }),
  ]);
  const draws = totals._sum.draws ?? 0;
  return {
    draws,
    wins: totals._sum.wins ?? 0,
    uniqueUsers: totals._count._all,
    byTier: activity.tiers.map((t) => {
      const wins = tierWins.find((w) => w.tierId === t.id)?._count._all ?? 0;
      return {
        tierId: t.id,
        name: t.name,
        configured: t.probabilityMicros / PROBABILITY_SCALE,
        wins,
        drawShare: draws ? wins / draws : 0,
      };
    }),
    stock: activity.stocks.map((s) => {
      const issued = prizeIssued.find((p) => p.prizeId === s.prizeId)?._sum.quantity ?? 0;
      return {
        prizeId: s.prizeId,
        reserved: s.reserved,
        issued,
        returned: s.returned,
        remaining: s.reserved - issued - s.returned,
      };
    }),
    risk: { events: riskEvents },
  };
}
