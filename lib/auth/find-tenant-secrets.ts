import { db } from '../db';

/**
 * A tenant's secrets by slug, cached briefly: every end-user request and every signed event
 * needs them, and a rotation must take effect within seconds, not at once.
 */
const CACHE_MS = 5_000;
type TenantSecrets = { id: string; slug: string; userTokenSecret: string; webhookSecret: string };
const cache = new Map<string, { at: number; value: TenantSecrets | null }>();

export async function findTenantSecretsBySlug(slug: string): Promise<TenantSecrets | null> {
  const hit = cache.get(slug);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = await db.tenant.findUnique({
    where: { slug },
    select: { id: true, slug: true, userTokenSecret: true, webhookSecret: true },
  });
  if (cache.size > 10_000) cache.clear();
  cache.set(slug, { at: Date.now(), value });
  return value;
}

export function forgetTenantSecrets(slug: string) {
  cache.delete(slug);
}
