// Redis restarts empty (its own redis-server on a free port) while a change waits for its time:
// the delayed job is lost with everything else, the workers make it again from PostgreSQL, and
// the change is applied once, at its time, into a hot state rebuilt from the records.
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisServer } from '../../helpers/redis-server';
import { startWorkers, waitFor } from '../../helpers/workers';

const redisServer = await RedisServer.start('none');
// lib/config reads the environment once, at the first import below.
process.env.REDIS_URL = redisServer.url;

const { db } = await import('@/lib/db');
const { proposeChange } = await import('@/lib/activities/propose-change');
const { drawKeys } = await import('@/lib/draw/keys');
const { closeQueues, getQueue } = await import('@/lib/queues');
const { createRedis } = await import('@/lib/redis');
const { liveActivity, testActor } = await import('../../helpers/activities');

const redis = createRedis('worker');
// Refused connections while the server is down are expected; ioredis reconnects by itself.
redis.on('error', () => undefined);
afterAll(async () => {
  redis.disconnect();
  await closeQueues();
  await redisServer.cleanup();
});

const changeJobs = () =>
  getQueue('apply-change')
    .getDelayed()
    .then((jobs) => jobs.map((j) => j.data as { changeId?: string }))
    .catch(() => [] as { changeId?: string }[]);

describe('Redis restarted empty while a change is scheduled', () => {
  it('the workers queue it again from PostgreSQL and it applies once, at its time', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { name: 'Gold', probability: 0.1, stock: 50, prizes: [{ prizeId: p[0]! }] },
    ]);
    const gold = activity.tiers[0]!.id;
    const applyAt = new Date(Date.now() + 20_000);
    const change = await proposeChange(tenant.id, testActor, {
      activityId: activity.id,
      input: { patch: { tiers: [{ id: gold, probability: 0.3 }] }, applyAt: applyAt.toISOString() },
    });
    expect(change.status).toBe('SCHEDULED');
    expect((await changeJobs()).map((j) => j.changeId)).toContain(change.id);

    const worker = startWorkers();
    try {
      await redisServer.kill();
      await redisServer.restart();
      expect(await redis.dbsize()).toBe(0);
      // Made again by the workers, who find their schedules gone with the next heartbeat.
      const jobs = await waitFor(changeJobs, (js) => js.some((j) => j.changeId === change.id), 60_000);
      expect(jobs.map((j) => j.changeId)).toContain(change.id);
      const status = async () => (await db.change.findUniqueOrThrow({ where: { id: change.id } })).status;
      expect(await waitFor(status, (s) => s === 'APPLIED', 90_000)).toBe('APPLIED');
      // The change found no hot state: it is rebuilt from the records, which hold the new version.
      const cfg = drawKeys(activity.id).cfg;
      expect(
        await waitFor(
          () => redis.hget(cfg, 'version'),
          (v) => v === '2',
          20_000,
        ),
      ).toBe('2');
      expect(JSON.parse((await redis.hget(cfg, 'tiers'))!)[0].p).toBe(300_000);
    } finally {
      worker.kill('SIGKILL');
      await once(worker, 'exit');
    }
    const applied = await db.change.findUniqueOrThrow({ where: { id: change.id } });
    expect(applied.appliedAt!.getTime()).toBeGreaterThanOrEqual(applyAt.getTime());
    expect(applied.appliedVersion).toBe(2);
    expect(await db.auditLog.count({ where: { objectId: change.id, action: 'change.apply' } })).toBe(1);
  }, 240_000);
});
