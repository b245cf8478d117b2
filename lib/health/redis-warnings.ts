// Redis settings that put the books at risk, for /api/health's `warnings`. Redis is the arbiter
// of every draw: the stock left, the chances used, the idempotent results live there first.
// - Without the append-only file, a restart comes back empty (no persistence at all) or, from an
//   RDB snapshot, with an older state that does not know the draws made since: counters behind
//   the records. Draws are in PostgreSQL before they are answered, so nothing is lost, but an
//   emptied activity is fenced and rebuilt, and an older state must not be trusted.
// - A maxmemory-policy other than noeviction lets Redis drop keys when memory runs short: a
//   user's counters, an idempotent result or an activity's stock could vanish one by one.
import type { Redis } from '../redis';

export type HealthWarning = { check: 'redis' | 'fairness'; code: string; message: string };

/** Reads `field:value` lines of an INFO section. */
function infoFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) fields.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  return fields;
}

/**
 * The RDB save points, or null if CONFIG is not allowed (managed Redis often renames or refuses
 * it; INFO is always there).
 */
async function savePoints(redis: Redis): Promise<string | null> {
  try {
    const [, value] = (await redis.config('GET', 'save')) as [string, string];
    return value ?? '';
  } catch {
    return null;
  }
}

export async function redisWarnings(redis: Redis): Promise<HealthWarning[]> {
  const [persistence, memory, save] = await Promise.all([
    redis.info('persistence'),
    redis.info('memory'),
    savePoints(redis),
  ]);
  const warnings: HealthWarning[] = [];
  if (infoFields(persistence).get('aof_enabled') !== '1') {
    warnings.push(
      save === ''
        ? {
            check: 'redis',
            code: 'REDIS_NO_PERSISTENCE',
            message:
              'Redis keeps nothing on disk (appendonly no, no save points): a restart empties it and every ' +
              'live activity is fenced and rebuilt from PostgreSQL; set appendonly yes',
          }
        : {
            check: 'redis',
            code: 'REDIS_NO_APPEND_ONLY_FILE',
            message:
              'Redis runs without the append-only file (appendonly no): after a restart it would load an older ' +
              'snapshot that does not know the latest draws; set appendonly yes',
          },
    );
  }
  const policy = infoFields(memory).get('maxmemory_policy');
  if (policy && policy !== 'noeviction') {
    warnings.push({
      check: 'redis',
      code: 'REDIS_EVICTION_POLICY',
      message:
        `Redis may evict keys when memory runs short (maxmemory-policy ${policy}): a user's counters, ` +
        "an idempotent result or an activity's stock could vanish; set maxmemory-policy noeviction",
    });
  }
  return warnings;
}
