// What a management API key may do, as the console's roles say it for people: every key reads
// (as an ANALYST does); a write needs the scope of its area of the API, which a key holds by
// name or through "*" (everything an OWNER may do, the default). A read-only key holds no write
// scope at all: `["read"]`. The area comes from the path, so a route added under a known area
// is scoped without a word, and a write under an unknown one needs "*".
import { z } from 'zod';
import { AppError } from '../errors';

/** Write scopes by the area of /api/manage they open, and the console role each matches. */
export const WRITE_SCOPES = {
  'prizes:write': 'prizes and their stock and coupon codes (OPERATOR)',
  'activities:write': 'activities: create, edit, publish, lifecycle, live changes and their approvals (OPERATOR)',
  'risk:write': 'risk rules and blacklists (OPERATOR)',
  'wins:write': 'winner actions: ship, void, approve, reject (OPERATOR)',
  'webhooks:write': 'webhook endpoints (OWNER)',
  'settings:write': 'tenant settings such as approval policies (OWNER)',
} as const;

export const API_KEY_SCOPES = ['*', 'read', ...(Object.keys(WRITE_SCOPES) as (keyof typeof WRITE_SCOPES)[])] as const;
export const ApiKeyScope = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

/** A key's scopes as given: at least one, no repeats; "*" stands alone. */
export const ApiKeyScopes = z
  .array(ApiKeyScope)
  .min(1, 'give at least one scope')
  .max(API_KEY_SCOPES.length)
  .refine((s) => new Set(s).size === s.length, 'a scope is repeated')
  .refine((s) => !s.includes('*') || s.length === 1, '"*" already holds every scope');

/** The first path segment under /api/manage → the scope a write there needs. */
const AREAS: Record<string, ApiKeyScope> = {
  prizes: 'prizes:write',
  activities: 'activities:write',
  changes: 'activities:write',
  risk: 'risk:write',
  wins: 'wins:write',
  'webhook-endpoints': 'webhooks:write',
  settings: 'settings:write',
};

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The scope a request needs: null for a read, which every key may make. */
export function requiredScope(method: string, pathname: string): ApiKeyScope | null {
  if (READS.has(method.toUpperCase())) return null;
  const area = /^\/api\/manage\/([^/]+)/.exec(pathname)?.[1] ?? '';
  return AREAS[area] ?? '*';
}

/** Throws 403 FORBIDDEN unless the key's scopes allow the request. */
export function assertScope(scopes: readonly string[], method: string, pathname: string): void {
  const needed = requiredScope(method, pathname);
  if (needed === null || scopes.includes('*') || scopes.includes(needed)) return;
  const message =
    needed === '*'
      ? 'this API key may not make this change: it needs a key with every scope'
      : `this API key may not make this change: it needs the ${needed} scope`;
  throw new AppError('FORBIDDEN', message, { required: needed, scopes: [...scopes] });
}

/** A key that may change nothing. */
export function isReadOnly(scopes: readonly string[]): boolean {
  return !scopes.some((s) => s !== 'read');
}
