import { db } from '../db';
import { AppError } from '../errors';

/**
 * A tenant's secrets by slug, cached briefly: every end-user request and every signed event
 * needs them, and a rotation must take effect within seconds, not at once. One read per slug is
 * in flight at a time, and a read PostgreSQL does not answer within LOOKUP_DEADLINE_MS answers
 * 503: a stalled link must refuse the requests that need it, not hold them.
 */
const CACHE_MS = 5_000;
const LOOKUP_DEADLINE_MS = 2_000;
type TenantSecrets = { id: string; slug: string; userTokenSecret: string; webhookSecret: string };
const cache = new Map<string, { at: number; value: TenantSecrets | null }>();
const inFlight = new Map<string, Promise<TenantSecrets | null>>();

/**
 * The slug's secrets as this process read them within CACHE_MS (null: no such tenant), or
 * undefined when they must be read: a request that finds them here waits on nothing.
 */
export function keptTenantSecrets(slug: string): TenantSecrets | null | undefined {
  const hit = cache.get(slug);
  return hit && Date.now() - hit.at < CACHE_MS ? hit.value : undefined;
}

export async function findTenantSecretsBySlug(slug: string): Promise<TenantSecrets | null> {
  const kept = keptTenantSecrets(slug);
  if (kept !== undefined) return kept;
  let read = inFlight.get(slug);
  if (!read) {
    read = db.tenant
      .findUnique({ where: { slug }, select: { id: true, slug: true, userTokenSecret: true, webhookSecret: true } })
      .then((value) => {
        // Not if forgotten meanwhile: a rotation's read must not be overwritten by an older one.
        if (inFlight.get(slug) === read) {
          if (cache.size > 10_000) cache.clear();
          cache.set(slug, { at: Date.now(), value });
        }
        return value;
      })
      .finally(() => {
        if (inFlight.get(slug) === read) inFlight.delete(slug);
      });
    inFlight.set(slug, read);
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const message = 'the tenant directory is not answering; retry shortly';
      reject(new AppError('SERVICE_UNAVAILABLE', message, undefined, { 'retry-after': '1' }));
    }, LOOKUP_DEADLINE_MS);
  });
  try {
    return await Promise.race([read, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function forgetTenantSecrets(slug: string) {
  cache.delete(slug);
  inFlight.delete(slug);
}
