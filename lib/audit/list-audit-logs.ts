// The tenant's latest audit trail for the console, newest first, with operator and API-key
// actors resolved to names (looked up within the same tenant only). An analyst reads operator
// ids as stand-ins and emails masked (lib/audit/operator-privacy.ts), filters included.
import { db } from '../db';
import { hideOperatorIds, operatorIdOfRef, operatorRef, visibleEmail, type Viewer } from './operator-privacy';
import type { AuditQuery } from './schemas';
import { resolveActorNames } from './resolve-actor-names';

export type AuditLogDto = {
  id: string;
  createdAt: string;
  /** name and detail (an operator's email, a key's prefix) when the actor is an operator or API key of this tenant. */
  actor: {
    type: 'OPERATOR' | 'API_KEY' | 'SYSTEM' | 'USER';
    id: string | null;
    name: string | null;
    detail: string | null;
    /** An operator's role in the tenant when they acted (null on rows older than the record of it). */
    role: 'OWNER' | 'OPERATOR' | 'ANALYST' | null;
    /** An API key's scopes when it acted; null for other actors and older rows. */
    scopes: string[] | null;
  };
  action: string;
  object: { type: string; id: string };
  /** The changed object before and after, as written (JSON); null when not recorded. */
  before: unknown;
  after: unknown;
  requestId: string | null;
};

/** Narrow the trail to one kind of object (and one object), or to one actor. */
export type AuditLogFilters = {
  objectType?: string;
  objectId?: string;
  actorType?: AuditLogDto['actor']['type'];
  actorId?: string;
};

/** Objects whose id is an operator's. */
const OPERATOR_OBJECTS = new Set(['Membership', 'Operator']);
// Matches no row: a filter naming a stand-in that decodes to nothing.
const NO_ID = '00000000-0000-0000-0000-000000000000';

export async function listAuditLogs(
  tenantId: string,
  query: { limit: number; beforeId?: bigint } & AuditLogFilters,
  viewer?: Viewer,
): Promise<{ items: AuditLogDto[]; nextBeforeId: string | null }> {
  // A filter names an operator the way this viewer was shown it.
  const operatorFilter = (ref: string) => operatorIdOfRef(viewer, ref) ?? NO_ID;
  const namesOperator = OPERATOR_OBJECTS.has(query.objectType ?? '');
  const objectId = query.objectId && namesOperator ? operatorFilter(query.objectId) : query.objectId;
  const actorId = query.actorId && query.actorType === 'OPERATOR' ? operatorFilter(query.actorId) : query.actorId;
  const rows = await db.auditLog.findMany({
    where: {
      tenantId,
      ...(query.objectType ? { objectType: query.objectType } : {}),
      ...(objectId ? { objectId } : {}),
      ...(query.actorType ? { actorType: query.actorType } : {}),
      ...(actorId ? { actorId } : {}),
      ...(query.beforeId !== undefined ? { id: { lt: query.beforeId } } : {}),
    },
    select: {
      id: true,
      createdAt: true,
      actorType: true,
      actorId: true,
      actorRole: true,
      actorScopes: true,
      action: true,
      objectType: true,
      objectId: true,
      before: true,
      after: true,
      requestId: true,
    },
    orderBy: { id: 'desc' },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);

  const names = await resolveActorNames(tenantId, page);
  const operatorIds = new Set(
    page.flatMap((r) => [
      ...(r.actorType === 'OPERATOR' && r.actorId ? [r.actorId] : []),
      ...(OPERATOR_OBJECTS.has(r.objectType) ? [r.objectId] : []),
    ]),
  );

  return {
    items: page.map((r) => {
      const name = names.get(`${r.actorType}:${r.actorId}`);
      const isOperator = r.actorType === 'OPERATOR' && r.actorId;
      return {
        id: r.id.toString(),
        createdAt: r.createdAt.toISOString(),
        actor: {
          type: r.actorType,
          id: isOperator ? operatorRef(viewer, r.actorId!) : r.actorId,
          name: name?.name ?? null,
          detail: name && isOperator ? visibleEmail(viewer, name.detail, r.actorId!) : (name?.detail ?? null),
          role: r.actorType === 'OPERATOR' ? r.actorRole : null,
          scopes: r.actorType === 'API_KEY' && r.actorScopes.length > 0 ? r.actorScopes : null,
        },
        action: r.action,
        object: {
          type: r.objectType,
          id: OPERATOR_OBJECTS.has(r.objectType) ? operatorRef(viewer, r.objectId) : r.objectId,
        },
        before: hideOperatorIds(viewer, r.before, operatorIds),
        after: hideOperatorIds(viewer, r.after, operatorIds),
        requestId: r.requestId,
      };
    }),
    nextBeforeId: rows.length > query.limit ? page[page.length - 1]!.id.toString() : null,
  };
}

/** The object types and actors that appear in the tenant's trail, for the filter menus. */
export async function listAuditFacets(
  tenantId: string,
  viewer?: Viewer,
): Promise<{ objectTypes: string[]; actors: { type: AuditLogDto['actor']['type']; id: string; name: string }[] }> {
  const [types, actorRows] = await Promise.all([
    db.auditLog.findMany({
      where: { tenantId },
      distinct: ['objectType'],
      select: { objectType: true },
      orderBy: { objectType: 'asc' },
    }),
    db.auditLog.findMany({
      where: { tenantId, actorId: { not: null } },
      distinct: ['actorType', 'actorId'],
      select: { actorType: true, actorId: true },
      take: 200,
    }),
  ]);
  const names = await resolveActorNames(tenantId, actorRows);
  return {
    objectTypes: types.map((t) => t.objectType),
    actors: actorRows
      .map((a) => {
        const id = a.actorType === 'OPERATOR' ? operatorRef(viewer, a.actorId!) : a.actorId!;
        const fallback = `${a.actorType === 'SYSTEM' ? 'System' : a.actorType} ${id}`;
        return { type: a.actorType, id, name: names.get(`${a.actorType}:${a.actorId}`)?.name ?? fallback };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * GET /api/manage/audit: one page of the trail for an API key. A key that may only read sees it
 * as an ANALYST does (operators by stand-in, emails masked); any other sees it as an OWNER.
 */
export async function listAuditPage(
  tenantId: string,
  { cursor, ...query }: AuditQuery,
  caller: { apiKeyId: string; readOnly: boolean },
): Promise<{ items: AuditLogDto[]; nextCursor: string | null }> {
  const viewer: Viewer = caller.readOnly
    ? { tenantId, operatorId: caller.apiKeyId, seesOperatorIds: false }
    : undefined;
  const { items, nextBeforeId } = await listAuditLogs(tenantId, { ...query, beforeId: cursor }, viewer);
  return { items, nextCursor: nextBeforeId };
}
