// Every change made through the console or the management API leaves one AuditLog row.
import type { Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { currentRequestId } from '../log';

/**
 * Who acted, with what they were allowed at that moment: an operator's role in the tenant, an API
 * key's scopes. Kept on the row, so the trail shows the role of the time, not today's.
 */
export type Actor =
  | { type: 'OPERATOR'; id: string; role?: 'OWNER' | 'OPERATOR' | 'ANALYST' }
  | { type: 'API_KEY'; id: string; scopes?: string[] }
  | { type: 'SYSTEM'; id: string };

type Tx = Pick<Prisma.TransactionClient, 'auditLog'>;

export async function writeAuditLog(
  tenantId: string,
  actor: Actor,
  entry: { action: string; objectType: string; objectId: string; before?: unknown; after?: unknown },
  tx: Tx = db,
) {
  await tx.auditLog.create({
    data: {
      tenantId,
      actorType: actor.type,
      actorId: actor.id,
      actorRole: actor.type === 'OPERATOR' ? (actor.role ?? null) : null,
      actorScopes: actor.type === 'API_KEY' ? (actor.scopes ?? []) : [],
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      before: toJson(entry.before),
      after: toJson(entry.after),
      requestId: currentRequestId() ?? null,
    },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}
