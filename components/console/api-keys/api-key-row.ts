import type { ApiKeyDto } from '@/lib/auth/api-keys';

/** What the console shows of an API key: never its hash, dates as ISO strings. */
export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  /** What the key may do: "*" everything, "read" reads only, or write scopes. */
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export function toApiKeyRow(k: ApiKeyDto): ApiKeyRow {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
