// The tenant's latest audit trail for the console, newest first, with operator and API-key
// actors resolved to names (looked up within the same tenant only).
import { db } from '../db';
import { resolveActorNames } from './resolve-actor-names';

export type AuditLogDto = {
  id: string;
  createdAt: string;
  /** name and detail (an operator's email, a key's prefix) when the actor is an operator or API key of this tenant. */
  actor: { type: 'OPERATOR' | 'API_KEY' | 'SYSTEM' | 'USER'; id: string | null; name: string | null; detail: string | null };
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

  const names = await resolveActorNames(tenantId, page);

  return {
    items: page.map((r) => ({
      id: r.id.toString(),
      createdAt: r.createdAt.toISOString(),
      actor: { type: r.actorType, id: r.actorId, ...(names.get(`${r.actorType}:${r.actorId}`) ?? { name: null, detail: null }) },
      action: r.action,
      object: { type: r.objectType, id: r.objectId },
      requestId: r.requestId,
    })),
    nextBeforeId: rows.length > query.limit ? page[page.length - 1]!.id.toString() : null,
  };
}
