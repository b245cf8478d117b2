// GET /api/health: PostgreSQL, Redis and the workers each answer, or the failing part is named.
// Settings that work today but put the books at risk (lib/health/redis-warnings.ts) are listed
// in `warnings` without changing the status.
import { db } from '../db';
import { fairnessKeyWarnings } from '../fairness/fairness-key-warnings';
import { requestRedis } from '../redis';
import { liveWorkers } from '../workers/heartbeat';
import { redisWarnings, type HealthWarning } from './redis-warnings';

export type Health = {
  status: 'ok' | 'degraded';
  checks: { postgres: Check; redis: Check; workers: Check & { live?: number } };
  warnings: HealthWarning[];
};
type Check = { ok: boolean; error?: string; ms?: number };

async function timed<T>(
  fn: () => Promise<T>,
  timeoutMs = 2_000,
): Promise<{ ok: true; value: T; ms: number } | { ok: false; error: string; ms: number }> {
  const started = performance.now();
  try {
    const value = await Promise.race([
      fn(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return { ok: true, value, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, error: (err as Error).message, ms: Math.round(performance.now() - started) };
  }
}

export async function checkHealth(): Promise<Health> {
  const [pgCheck, redisCheck, fairnessCheck] = await Promise.all([
    timed(() => db.$queryRaw`SELECT 1`),
    timed(async () => (await requestRedis()).ping()),
    timed(fairnessKeyWarnings),
  ]);
  const [workersCheck, warningsCheck] = redisCheck.ok
    ? await Promise.all([
        timed(async () => liveWorkers(await requestRedis())),
        timed(async () => redisWarnings(await requestRedis())),
      ])
    : [null, null];
  const live = workersCheck?.ok ? workersCheck.value.length : 0;
  const checks: Health['checks'] = {
    postgres: pgCheck.ok ? { ok: true, ms: pgCheck.ms } : { ok: false, error: 'PostgreSQL is not reachable' },
    redis: redisCheck.ok ? { ok: true, ms: redisCheck.ms } : { ok: false, error: 'Redis is not reachable' },
    workers:
      live > 0
        ? { ok: true, live }
        : {
            ok: false,
            live,
            error: redisCheck.ok
              ? 'no worker has reported in; start them with `npm run workers`'
              : 'unknown while Redis is down',
          },
  };
  const ok = checks.postgres.ok && checks.redis.ok && checks.workers.ok;
  // Settings that cannot be read (a timeout) say nothing either way: no warning.
  const warnings = [
    ...(warningsCheck?.ok ? warningsCheck.value : []),
    ...(fairnessCheck.ok ? fairnessCheck.value : []),
  ];
  return { status: ok ? 'ok' : 'degraded', checks, warnings };
}
