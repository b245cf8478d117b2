import { afterAll, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { createRedis, key } from '@/lib/redis';
import { beat, forget } from '@/lib/workers/heartbeat';
import { callRoute } from '../helpers/fixtures';

const redis = createRedis('worker');
afterAll(() => redis.quit());

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
});
