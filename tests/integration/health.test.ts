// GET /api/health against a Redis of its own (a redis-server on a free port, started with the
// settings docker-compose.yml gives production), so its settings can be changed freely.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port';

const port = await freePort();
const dir = mkdtempSync(path.join(tmpdir(), 'health-redis-'));
const redisServer = spawn(
  'redis-server',
  [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
    ...['--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction'],
  ],
  { stdio: 'ignore' },
);
for (let i = 0; i < 100; i++) {
  const up = await new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true))).on('error', () => resolve(false));
  });
  if (up) break;
  await sleep(50);
}
// lib/config reads the environment once, at the first import below.
process.env.REDIS_URL = `redis://127.0.0.1:${port}/0`;
const { GET: health } = await import('@/app/api/health/route');
const { createRedis, key } = await import('@/lib/redis');
const { beat, forget } = await import('@/lib/workers/heartbeat');
const { callRoute } = await import('../helpers/fixtures');

const redis = createRedis('worker');
afterAll(async () => {
  await redis.quit();
  // SIGKILL: a SIGTERM right after `appendonly yes` waits for the first AOF rewrite.
  redisServer.kill('SIGKILL');
  await once(redisServer, 'exit');
  // Its AOF rewrite child (started by `appendonly yes`) outlives it for a moment and may still be
  // writing there: ENOTEMPTY is tried again, as rmSync does with maxRetries.
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
});

describe('GET /api/health', () => {
  it('answers 503 naming the workers when none beats, 200 when one does', async () => {
    await redis.del(key('workers', 'heartbeats'));
    const down = await callRoute(health);
    expect(down.status).toBe(503);
    expect(down.json.status).toBe('degraded');
    expect(down.json.checks).toMatchObject({
      postgres: { ok: true },
      redis: { ok: true },
      workers: { ok: false, error: expect.stringContaining('npm run workers') },
    });

    await beat(redis, 'test-worker');
    const up = await callRoute(health);
    expect(up.status).toBe(200);
    expect(up.json).toMatchObject({ status: 'ok', checks: { workers: { ok: true, live: 1 } } });

    // A beat older than the TTL no longer counts.
    await beat(redis, 'test-worker', Date.now() - 10 * 60_000);
    expect((await callRoute(health)).status).toBe(503);
    await forget(redis, 'test-worker');
  });

  it('warns, still 200, about a Redis without persistence or with an evicting policy', async () => {
    await beat(redis, 'test-worker');
    try {
      // The production settings: append-only file, every second; no eviction.
      const safe = await callRoute(health);
      expect(safe.status).toBe(200);
      expect(safe.json.warnings).toEqual([]);

      await redis.config('SET', 'appendonly', 'no');
      await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const risky = await callRoute(health);
      expect(risky.status).toBe(200);
      expect(risky.json.status).toBe('ok');
      expect(risky.json.warnings).toEqual([
        { check: 'redis', code: 'REDIS_NO_PERSISTENCE', message: expect.stringContaining('appendonly yes') },
        { check: 'redis', code: 'REDIS_EVICTION_POLICY', message: expect.stringContaining('allkeys-lru') },
      ]);

      // Snapshots only: a restart would load an older state.
      await redis.config('SET', 'save', '3600 1');
      await redis.config('SET', 'maxmemory-policy', 'noeviction');
      expect((await callRoute(health)).json.warnings).toEqual([
        { check: 'redis', code: 'REDIS_NO_APPEND_ONLY_FILE', message: expect.stringContaining('appendonly yes') },
      ]);

      await redis.config('SET', 'appendonly', 'yes');
      expect((await callRoute(health)).json.warnings).toEqual([]);
    } finally {
      await forget(redis, 'test-worker');
    }
  });
});
