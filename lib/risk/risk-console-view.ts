// What the console's Risk page reads: rules, blacklist entries and recent events as DTOs
// (Prisma rows never reach the UI), plus the activities a rule may be scoped to.
import 'server-only';
import type { ActivityStatus } from '@/generated/prisma/client';
import { hasEnded, publicStatus } from '../activity-status';
import { db } from '../db';
import { isUuid } from '../ids';

export type RiskEventDto = {
  id: string;
  createdAt: string;
  activityId: string | null;
  activityName: string | null;
  kind: string;
  action: string;
  userId: string | null;
  deviceId: string | null;
  ip: string | null;
  drawId: string | null;
};

/** A CSV import is all or nothing: either every line went in, or the bad lines come back by number. */
export type CsvImportOutcome =
  | { imported: true; added: number; lines: number }
  | { imported: false; errors: { line: number; message: string }[]; errorCount: number };

export type RiskListEntryDto = {
  id: string;
  kind: 'user' | 'device' | 'ip';
  value: string;
  reason: string | null;
  createdAt: string;
};

/** The newest risk events, optionally of one activity; an id that is not the tenant's matches nothing. */
export async function listRecentRiskEvents(
  tenantId: string,
  { activityId, take = 50 }: { activityId?: string; take?: number } = {},
): Promise<RiskEventDto[]> {
  if (activityId !== undefined && !isUuid(activityId)) return [];
  const events = await db.riskEvent.findMany({
    where: { tenantId, ...(activityId ? { activityId } : {}) },
    orderBy: { id: 'desc' },
    take: Math.min(Math.max(take, 1), 200),
    select: {
      id: true,
      createdAt: true,
      activityId: true,
      kind: true,
      action: true,
      userId: true,
      deviceId: true,
      ip: true,
      drawId: true,
      activity: { select: { name: true } },
    },
  });
  return events.map((e) => ({
    id: e.id.toString(),
    createdAt: e.createdAt.toISOString(),
    activityId: e.activityId,
    activityName: e.activity?.name ?? null,
    kind: e.kind.toLowerCase(),
    action: e.action.toLowerCase(),
    userId: e.userId,
    deviceId: e.deviceId,
    ip: e.ip,
    drawId: e.drawId,
  }));
}

/** Blacklist entries, newest first, with how many the tenant holds of each kind. */
export async function listRiskListEntriesView(tenantId: string, { take = 500 }: { take?: number } = {}) {
  const [entries, counts] = await Promise.all([
    db.riskListEntry.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: 'desc' }, { value: 'asc' }],
      take,
      select: { id: true, kind: true, value: true, reason: true, createdAt: true },
    }),
    db.riskListEntry.groupBy({ by: ['kind'], where: { tenantId }, _count: { _all: true } }),
  ]);
  const totals = { user: 0, device: 0, ip: 0 };
  for (const c of counts) totals[c.kind.toLowerCase() as keyof typeof totals] = c._count._all;
  const items: RiskListEntryDto[] = entries.map((e) => ({
    id: e.id,
    kind: e.kind.toLowerCase() as RiskListEntryDto['kind'],
    value: e.value,
    reason: e.reason,
    createdAt: e.createdAt.toISOString(),
  }));
  return { items, totals };
}

/** The tenant's activities a rule can be scoped to (ended ones last), by name. */
export async function listRuleScopeActivities(
  tenantId: string,
): Promise<{ id: string; name: string; status: string }[]> {
  const rows = await db.activity.findMany({
    where: { tenantId },
    orderBy: [{ createdAt: 'desc' }],
    take: 500,
    select: { id: true, name: true, status: true },
  });
  const rank = (s: ActivityStatus) => (hasEnded(s) ? 1 : 0);
  return rows
    .sort((a, b) => rank(a.status) - rank(b.status) || a.name.localeCompare(b.name))
    .map((r) => ({ id: r.id, name: r.name, status: publicStatus(r.status).toLowerCase() }));
}
