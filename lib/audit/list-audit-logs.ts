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
  /** The changed object before and after, as written (JSON); null when not recorded. */
  before: unknown;
  after: unknown;
  requestId: string | null;
};

/** Narrow the trail to one kind of object (and one object), or to one actor. */
export type AuditLogFilters = { objectType?: string; objectId?: string; actorType?: AuditLogDto['actor']['type']; actorId?: string };

export async function listAuditLogs(
  tenantId: string,
  query: { limit: number; beforeId?: bigint } & AuditLogFilters,
): Promise<{ items: AuditLogDto[]; nextBeforeId: string | null }> {
  const rows = await db.auditLog.findMany({
    where: {
      tenantId,
      ...(query.objectType ? { objectType: query.objectType } : {}),
      ...(query.objectId ? { objectId: query.objectId } : {}),
      ...(query.actorType ? { actorType: query.actorType } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.beforeId !== undefined ? { id: { lt: query.beforeId } } : {}),
    },
    select: { id: true, createdAt: true, actorType: true, actorId: true, action: true, objectType: true, objectId: true, before: true, after: true, requestId: true },
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
      before: r.before,
      after: r.after,
      requestId: r.requestId,
    })),
    nextBeforeId: rows.length > query.limit ? page[page.length - 1]!.id.toString() : null,
  };
}

/** The object types and actors that appear in the tenant's trail, for the filter menus. */
export async function listAuditFacets(tenantId: string): Promise<{ objectTypes: string[]; actors: { type: AuditLogDto['actor']['type']; id: string; name: string }[] }> {
  const [types, actorRows] = await Promise.all([
    db.auditLog.findMany({ where: { tenantId }, distinct: ['objectType'], select: { objectType: true }, orderBy: { objectType: 'asc' } }),
    db.auditLog.findMany({ where: { tenantId, actorId: { not: null } }, distinct: ['actorType', 'actorId'], select: { actorType: true, actorId: true }, take: 200 }),
  ]);
  const names = await resolveActorNames(tenantId, actorRows);
  return {
    objectTypes: types.map((t) => t.objectType),
    actors: actorRows
      .map((a) => ({ type: a.actorType, id: a.actorId!, name: names.get(`${a.actorType}:${a.actorId}`)?.name ?? `${a.actorType === 'SYSTEM' ? 'System' : a.actorType} ${a.actorId}` }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
