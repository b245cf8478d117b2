// The tenant's latest audit trail for the console, newest first, with operator and API-key
// actors resolved to names (looked up within the same tenant only).
import { db } from '../db';

export type AuditLogDto = {
  id: string;
  createdAt: string;
  actor: { type: 'OPERATOR' | 'API_KEY' | 'SYSTEM' | 'USER'; id: string | null; label: string | null };
  action: string;
  object: { type: string; id: string };
  requestId: string | null;
};

export async function listAuditLogs(tenantId: string, query: { limit: number; beforeId?: bigint }): Promise<{ items: AuditLogDto[]; nextBeforeId: string | null }> {
  const rows = await db.auditLog.findMany({
    where: { tenantId, ...(query.beforeId !== undefined ? { id: { lt: query.beforeId } } : {}) },
    select: { id: true, createdAt: true, actorType: true, actorId: true, action: true, objectType: true, objectId: true, requestId: true },
    orderBy: { id: 'desc' },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);

  const idsOf = (type: string) => [...new Set(page.filter((r) => r.actorType === type && r.actorId && isUuid(r.actorId)).map((r) => r.actorId!))];
  const operatorIds = idsOf('OPERATOR');
  const apiKeyIds = idsOf('API_KEY');
  const [operators, apiKeys] = await Promise.all([
    operatorIds.length
      ? db.operator.findMany({ where: { id: { in: operatorIds }, memberships: { some: { tenantId } } }, select: { id: true, name: true, email: true } })
      : [],
    apiKeyIds.length ? db.apiKey.findMany({ where: { tenantId, id: { in: apiKeyIds } }, select: { id: true, name: true, prefix: true } }) : [],
  ]);
  const labels = new Map<string, string>([
    ...operators.map((o) => [o.id, `${o.name} <${o.email}>`] as const),
    ...apiKeys.map((k) => [k.id, `${k.name} (${k.prefix}…)`] as const),
  ]);

  return {
    items: page.map((r) => ({
      id: r.id.toString(),
      createdAt: r.createdAt.toISOString(),
      actor: { type: r.actorType, id: r.actorId, label: r.actorId ? labels.get(r.actorId) ?? null : null },
      action: r.action,
      object: { type: r.objectType, id: r.objectId },
      requestId: r.requestId,
    })),
    nextBeforeId: rows.length > query.limit ? page[page.length - 1]!.id.toString() : null,
  };
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
