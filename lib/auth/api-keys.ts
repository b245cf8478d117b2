// Management API keys: created per tenant, shown once, stored as a sha256 digest,
// revocable, with a last-used time. `Authorization: Bearer <key>`.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { randomSecret, sha256Hex } from './secrets';
import type { ApiKeyScope } from './api-key-scopes';

const KEY_PREFIX = 'lk_';
/** Writing lastUsedAt on every request would make the key row hot; once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type ApiKeyDto = {
  id: string;
  name: string;
  prefix: string;
  /** What the key may do (lib/auth/api-key-scopes.ts). */
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};
const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export async function createApiKey(
  tenantId: string,
  actor: Actor,
  name: string,
  { scopes = ['*'] }: { scopes?: ApiKeyScope[] } = {},
): Promise<{ key: string; apiKey: ApiKeyDto }> {
  const key = `${KEY_PREFIX}${randomSecret(24)}`;
  const apiKey = await db.apiKey.create({
    data: {
      tenantId,
      name,
      prefix: key.slice(0, 10),
      keyHash: sha256Hex(key),
      scopes,
      createdById: actor.type === 'OPERATOR' ? actor.id : null,
    },
    select: apiKeySelect,
  });
  await writeAuditLog(tenantId, actor, {
    action: 'apiKey.create',
    objectType: 'ApiKey',
    objectId: apiKey.id,
    after: apiKey,
  });
  return { key, apiKey };
}

export async function listApiKeys(tenantId: string): Promise<ApiKeyDto[]> {
  return db.apiKey.findMany({ where: { tenantId }, select: apiKeySelect, orderBy: { createdAt: 'desc' } });
}

export async function revokeApiKey(tenantId: string, actor: Actor, id: string): Promise<ApiKeyDto> {
  const before = await db.apiKey.findFirst({ where: { id, tenantId }, select: apiKeySelect });
  if (!before) throw new AppError('NOT_FOUND', `API key ${id} not found`);
  if (before.revokedAt) return before;
  const after = await db.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, select: apiKeySelect });
  await writeAuditLog(tenantId, actor, { action: 'apiKey.revoke', objectType: 'ApiKey', objectId: id, before, after });
  return after;
}

export type ApiKeyPrincipal = { tenantId: string; apiKeyId: string; scopes: string[] };

/** Resolves a bearer key to its tenant, or throws 401 (missing, unknown or revoked alike). */
export async function authenticateApiKey(authorization: string | null): Promise<ApiKeyPrincipal> {
  const key = bearer(authorization);
  if (!key || !key.startsWith(KEY_PREFIX)) throw new AppError('UNAUTHORIZED', 'a valid API key is required');
  const found = await db.apiKey.findUnique({
    where: { keyHash: sha256Hex(key) },
    select: { id: true, tenantId: true, revokedAt: true, lastUsedAt: true, scopes: true },
  });
  if (!found || found.revokedAt) throw new AppError('UNAUTHORIZED', 'a valid API key is required');
  const now = Date.now();
  if (!found.lastUsedAt || now - found.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: found.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { tenantId: found.tenantId, apiKeyId: found.id, scopes: found.scopes };
}

export function bearer(authorization: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match ? match[1]! : null;
}
