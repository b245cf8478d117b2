// The tenant's open (unacknowledged) alerts for the console header: the most severe first,
// then the newest, with the total count for the badge.
import { db } from '../db';

export type AlertSeverity = 'INFO' | 'WARNING' | 'CRITICAL';

export type AlertDto = {
  id: string;
  kind: string;
  severity: AlertSeverity;
  message: string;
  activity: { id: string; name: string } | null;
  createdAt: string;
};

export async function listAlerts(
  tenantId: string,
  query: { limit: number },
): Promise<{ items: AlertDto[]; openCount: number }> {
  const where = { tenantId, acknowledgedAt: null };
  const [rows, openCount] = await Promise.all([
    db.alert.findMany({
      where,
      select: {
        id: true,
        kind: true,
        severity: true,
        message: true,
        createdAt: true,
        activity: { select: { id: true, name: true } },
      },
      // PostgreSQL orders an enum by declaration: INFO < WARNING < CRITICAL.
      orderBy: [{ severity: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit,
    }),
    db.alert.count({ where }),
  ]);
  return {
    items: rows.map((a) => ({
      id: a.id,
      kind: a.kind,
      severity: a.severity,
      message: a.message,
      activity: a.activity ? { id: a.activity.id, name: a.activity.name } : null,
      createdAt: a.createdAt.toISOString(),
    })),
    openCount,
  };
}
