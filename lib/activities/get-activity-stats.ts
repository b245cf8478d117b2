// GET /api/manage/activities/{id}/stats. Exact figures from PostgreSQL (the record): after
// draws settle they equal what the rows say, because they are what the rows say.
// A tier's `configured` odds are the odds in force when its draws were made (time segments
// applied, weighted by the draws of each local hour), so configured and actual compare alike;
// `oddsNow` is what picks the tier at this moment.
import { nowMs } from '../clock';
import { db } from '../db';
import { localClock } from '../draw/local-day';
import { oddsAt, oddsOverDraws, type HourDraws, type Segment } from '../draw/segments';
import { getActivityRowOrThrow } from './get-activity';
import { PROBABILITY_SCALE } from '../draw/probability-scale';

export type ActivityStats = {
  draws: number;
  wins: number;
  uniqueUsers: number;
  byTier: { tierId: string; name: string; configured: number; oddsNow: number; wins: number; drawShare: number }[];
  stock: { prizeId: string; reserved: number; issued: number; returned: number; remaining: number }[];
  risk: { events: number };
};

export async function getActivityStats(tenantId: string, activityId: string, now = nowMs()): Promise<ActivityStats> {
  const activity = await getActivityRowOrThrow(tenantId, activityId);
  const tiers = activity.tiers.map((t) => ({ ...t, segments: t.segments as Segment[] }));
  const segmented = tiers.some((t) => t.segments.length > 0);
  const [totals, tierWins, prizeIssued, riskEvents, drawsByHour] = await Promise.all([
    db.participation.aggregate({ where: { activityId }, _sum: { draws: true, wins: true }, _count: { _all: true } }),
    db.draw.groupBy({ by: ['tierId'], where: { activityId, outcome: 'WIN' }, _count: { _all: true } }),
    db.win.groupBy({ by: ['prizeId'], where: { activityId, status: { not: 'VOID' } }, _sum: { quantity: true } }),
    db.riskEvent.count({ where: { activityId, tenantId } }),
    segmented ? drawsByLocalHour(activity.id, activity.timezone) : [],
  ]);
  const clock = localClock(activity.timezone, now);
  const draws = totals._sum.draws ?? 0;
  return {
    draws,
    wins: totals._sum.wins ?? 0,
    uniqueUsers: totals._count._all,
    byTier: tiers.map((t) => {
      const wins = tierWins.find((w) => w.tierId === t.id)?._count._all ?? 0;
      return {
        tierId: t.id,
        name: t.name,
        configured: oddsOverDraws(t, drawsByHour, activity.timezone, now) / PROBABILITY_SCALE,
        oddsNow: oddsAt(t, clock.hour, clock.day) / PROBABILITY_SCALE,
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

/** The activity's draws by the local hour and day they were made in (times are stored in UTC). */
function drawsByLocalHour(activityId: string, timezone: string) {
  return db.$queryRaw<HourDraws[]>`
    SELECT extract(hour FROM local)::int AS hour, to_char(local, 'YYYY-MM-DD') AS day, count(*)::int AS n
    FROM (SELECT ("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timezone} AS local
          FROM "Draw" WHERE "activityId" = ${activityId}::uuid) d
    GROUP BY 1, 2`;
}
