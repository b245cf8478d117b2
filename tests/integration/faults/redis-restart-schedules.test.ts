// Redis restarts empty under running workers (its own redis-server on a free port, never the
// shared one): the workers make their repeating schedules again, and the full pass finds a draw
// stream whose dirty mark was lost, so nothing stays undrained.
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisServer } from '../../helpers/redis-server';
import { startWorkers, stopOutsideTransactions, waitFor } from '../../helpers/workers';

const redisServer = await RedisServer.start('none');
// lib/config reads the environment once, at the first import below.
process.env.REDIS_URL = redisServer.url;

const { db } = await import('@/lib/db');
const { activityMeta } = await import('@/lib/draw/activity-state');
const { decideDraw } = await import('@/lib/draw/execute-draw');
const { drawKeys } = await import('@/lib/draw/keys');
const { localDay } = await import('@/lib/draw/local-day');
const { rebuildActivityState } = await import('@/lib/draw/rebuild-activity');
const { closeQueues, getQueue } = await import('@/lib/queues');
const { createRedis } = await import('@/lib/redis');
const { dirtyKey } = await import('@/lib/workers/dirty-activities');
const { endUser, liveActivity } = await import('../../helpers/activities');

const redis = createRedis('worker');
// Refused connections while the server is down are expected; ioredis reconnects by itself.
redis.on('error', () => undefined);
afterAll(async () => {
  redis.disconnect();
  await closeQueues();
  await redisServer.cleanup();
});

const schedulerIds = () =>
  getQueue('draw-log')
    .getJobSchedulers(0, -1)
    .then((all) => all.map((s) => s.key).sort())
    .catch(() => undefined);

describe('Redis restarted empty under the workers', () => {
  it('the workers make their schedules again, and the full pass drains a stream whose mark was lost', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { probability: 0.5, stock: 5, prizes: [{ prizeId: p[0]! }] },
    ]);
    const worker = startWorkers();
    try {
      // Started: the process compiles its sources first.
      expect(await waitFor(schedulerIds, (ids) => ids?.length === 2, 60_000)).toEqual(['drain-full', 'drain-sweep']);

      // Frozen while Redis goes away and comes back empty, so the draw below is made first.
      await stopOutsideTransactions(worker, db);
      await redisServer.kill();
      await redisServer.restart();
      expect(await redis.dbsize()).toBe(0);

      await rebuildActivityState(redis, activity.id, { graceMs: 0 });
      const meta = (await activityMeta(redis, activity.id))!;
      const now = Date.now();
      const decided = await decideDraw({
        redis,
        activityId: activity.id,
        meta,
        user: endUser(tenant, 'after-restart'),
        key: randomUUID(),
        day: localDay(meta.timezone, now),
        now,
      });
      if (decided.kind !== 'ok') throw new Error(`draw refused: ${JSON.stringify(decided)}`);
      // Its mark lost as well (as if a sweeper had taken it and died): only the full pass finds it.
      await redis.srem(dirtyKey('draw-log'), activity.id);
      expect(await redis.xlen(drawKeys(activity.id).stream)).toBe(1);
      worker.kill('SIGCONT');

      expect(await waitFor(schedulerIds, (ids) => ids?.length === 2, 30_000), 'schedules made again').toEqual([
        'drain-full',
        'drain-sweep',
      ]);
      const drained = await waitFor(
        () => db.draw.findUnique({ where: { id: decided.record.d } }),
        (d) => !!d,
        30_000,
      );
      expect(drained).not.toBeNull();
      expect(
        await waitFor(
          () => redis.xlen(drawKeys(activity.id).stream),
          (n) => n === 0,
          10_000,
        ),
      ).toBe(0);
    } finally {
      worker.kill('SIGKILL');
      await once(worker, 'exit');
    }
  });
});
