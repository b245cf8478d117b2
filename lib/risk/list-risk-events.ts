// GET /api/manage/risk/events: the tenant's risk events, newest first, filtered and paged by a
// cursor (the id of the last event of the page before). An activity that is not the tenant's
// matches nothing, like any other filter.
import { db } from '../db';
import type { RiskEventsQuery } from './schemas';

export type RiskEventApiDto = {
  id: string;
  createdAt: string;
  activityId: string | null;
  ruleId: string | null;
  kind: string;
  action: string;
  userId: string | null;
  deviceId: string | null;
  ip: string | null;
  drawId: string | null;
  detail: unknown;
};

export async function listRiskEvents(
  tenantId: string,
  query: RiskEventsQuery,
): Promise<{ items: RiskEventApiDto[]; nextCursor: string | null }> {
  const rows = await db.riskEvent.findMany({
    where: {
      tenantId,
      ...(query.activityId ? { activityId: query.activityId } : {}),
      ...(query.kind ? { kind: query.kind.toUpperCase() as 'BLACKLIST' } : {}),
      ...(query.action ? { action: query.action.toUpperCase() as 'BLOCK' } : {}),
      ...(query.userId ? { userId: query.userId } : {}),
      ...(query.deviceId ? { deviceId: query.deviceId } : {}),
      ...(query.ip ? { ip: query.ip } : {}),
      ...(query.from || query.to
        ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) } }
        : {}),
      ...(query.cursor !== undefined ? { id: { lt: query.cursor } } : {}),
    },
    orderBy: { id: 'desc' },
    take: query.limit + 1,
    select: {
      id: true,
      createdAt: true,
      activityId: true,
      ruleId: true,
      kind: true,
      action: true,
      userId: true,
      deviceId: true,
      ip: true,
      drawId: true,
      detail: true,
    },
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((e) => ({
      id: e.id.toString(),
      createdAt: e.createdAt.toISOString(),
      activityId: e.activityId,
      ruleId: e.ruleId,
      kind: e.kind.toLowerCase(),
      action: e.action.toLowerCase(),
      userId: e.userId,
      deviceId: e.deviceId,
      ip: e.ip,
      drawId: e.drawId,
      detail: e.detail,
    })),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id.toString() : null,
  };
}
