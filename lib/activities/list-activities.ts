// The console's activities list: each activity with what an operator scans for: status,
// period, draws per minute lately (StatsBucket rows, written by the stats worker; none → 0),
// wins left across its tiers, and open alerts.
import type { Prisma } from '@/generated/prisma/client';
import { ENDED_STATUSES, publicStatus } from '../activity-status';
import { db } from '../db';

export const ACTIVITY_STATUSES = ['DRAFT', 'SCHEDULED', 'LIVE', 'PAUSED', 'ENDED'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Minutes averaged for "draws per minute": long enough to smooth a quiet minute. */
export const RATE_WINDOW_MINUTES = 5;

export type ActivityListItem = {
  id: string;
  name: string;
  status: ActivityStatus;
  gameplay: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  drawsPerMinute: number;
  winsLeft: number;
  winsTotal: number;
  openAlerts: number;
};

export async function listActivities(
  tenantId: string,
  {
    status,
    search,
    archived = false,
    limit = 100,
    now = Date.now(),
  }: { status?: ActivityStatus; search?: string; archived?: boolean; limit?: number; now?: number } = {},
): Promise<ActivityListItem[]> {
  const where: Prisma.ActivityWhereInput = {
    tenantId,
    // ENDED finds the settled ones too: outside the books they have simply ended.
    ...(status === 'ENDED' ? { status: { in: [...ENDED_STATUSES] } } : status ? { status } : {}),
    ...(search ? { name: { contains: search, mode: 'insensitive' } } : {}),
    // Archived ones only when asked for; then only they.
    archivedAt: archived ? { not: null } : null,
  };
  const rows = await db.activity.findMany({
    where,
    select: {
      id: true,
      name: true,
      status: true,
      gameplay: true,
      startsAt: true,
      endsAt: true,
      timezone: true,
      tiers: { select: { stock: true, issued: true } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
  const ids = rows.map((r) => r.id);
  // Complete minutes only: the current one is still filling.
  const windowEnd = new Date(Math.floor(now / 60_000) * 60_000);
  const windowStart = new Date(windowEnd.getTime() - RATE_WINDOW_MINUTES * 60_000);
  const [draws, alerts] = ids.length
    ? await Promise.all([
        db.statsBucket.groupBy({
          by: ['activityId'],
          where: { tenantId, activityId: { in: ids }, minute: { gte: windowStart, lt: windowEnd } },
          _sum: { draws: true },
        }),
        db.alert.groupBy({
          by: ['activityId'],
          where: { tenantId, activityId: { in: ids }, acknowledgedAt: null },
          _count: { _all: true },
        }),
      ])
    : [[], []];
  return rows.map((r) => {
    const winsTotal = r.tiers.reduce((s, t) => s + t.stock, 0);
    return {
      id: r.id,
      name: r.name,
      status: publicStatus(r.status),
      gameplay: r.gameplay.toLowerCase(),
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      timezone: r.timezone,
      drawsPerMinute: (draws.find((d) => d.activityId === r.id)?._sum.draws ?? 0) / RATE_WINDOW_MINUTES,
      winsLeft: winsTotal - r.tiers.reduce((s, t) => s + t.issued, 0),
      winsTotal,
      openAlerts: alerts.find((a) => a.activityId === r.id)?._count._all ?? 0,
    };
  });
}
