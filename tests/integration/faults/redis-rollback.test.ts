// Redis restarted from an AOF a moment behind (appendfsync everysec loses up to a second): its
// counters miss draws PostgreSQL holds. Simulated on a private redis-server: the AOF directory is
// copied while draws run, draws go on (committed, answered), Redis is killed -9, the older copy put
// back and Redis restarted under the same traffic. The rollback must be found before the old state
// decides anything: the activity is fenced (503 ACTIVITY_REBUILDING) and rebuilt from PostgreSQL,
// so no unit is issued twice and nothing is counted twice.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisServer } from '../../helpers/redis-server';

const redisServer = await RedisServer.start('aof-everysec');
// lib/config reads the environment once, at the first import below.
process.env.REDIS_URL = redisServer.url;

const { db } = await import('@/lib/db');
const { drawKeys } = await import('@/lib/draw/keys');
const { closeQueues } = await import('@/lib/queues');
const { createRedis } = await import('@/lib/redis');
const { liveActivity } = await import('../../helpers/activities');
const { checkDrawBooks } = await import('../../helpers/draw-books');
const { DrawTraffic } = await import('../../helpers/draw-clients');
const { startWorkers, waitFor } = await import('../../helpers/workers');

const redis = createRedis('worker');
// Refused connections while the server is down are expected; ioredis reconnects by itself.
redis.on('error', () => undefined);
afterAll(async () => {
  redis.disconnect();
  await closeQueues();
  await redisServer.cleanup();
});

const LOOPS = 100;
const STOCK = 400;

describe('Redis restarted from an AOF a second behind', () => {
  it('is found behind the records, fenced and rebuilt: nothing issued or counted twice', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 0.3, stock: STOCK, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [STOCK], overrides: { limits: { freeDrawsPerDay: 100_000, maxDrawsPerDay: 100_000 } } },
    );
    const clients = await Promise.all(
      Array.from({ length: LOOPS }, async (_, i) => ({
        activityId: activity.id,
        userId: `u${i}`,
        token: await tenant.userToken(`u${i}`),
      })),
    );
    const committed = () =>
      db.activityDrawSeq.findUnique({ where: { activityId: activity.id } }).then((r) => Number(r?.committed ?? 0));
    const epochAtStart = (await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).stateEpoch;
    const worker = startWorkers();
    const traffic = new DrawTraffic();
    let committedBeforeKill = 0;
    try {
      traffic.start(clients, { deadlineMs: 100_000 });
      expect(
        await waitFor(
          async () => traffic.okSincePhase,
          (n) => n >= 300,
          30_000,
        ),
      ).toBeGreaterThanOrEqual(300);

      // What a restart would read if Redis died now...
      const snapshot = redisServer.snapshotAof();
      const snapshotAt = Date.now();
      traffic.markPhase();
      // ...but draws go on, are committed and answered, wins among them.
      const wonAfterSnapshot = () =>
        db.win.count({ where: { activityId: activity.id, createdAt: { gt: new Date(snapshotAt) } } });
      expect(await waitFor(wonAfterSnapshot, (n) => n >= 20, 30_000)).toBeGreaterThanOrEqual(20);
      await sleep(1_000);
      committedBeforeKill = await committed();

      await redisServer.kill();
      redisServer.restoreAof(snapshot);
      traffic.markPhase();
      await redisServer.restart();

      // Draws resume by themselves, on a state rebuilt from PostgreSQL.
      expect(
        await waitFor(
          async () => traffic.okSincePhase,
          (n) => n >= 500,
          60_000,
        ),
      ).toBeGreaterThanOrEqual(500);
      await traffic.stop();
      expect(traffic.count(500)).toBe(0);
    } finally {
      await traffic.stop();
      worker.kill('SIGKILL');
      await once(worker, 'exit');
    }
    // The books first: with the rollback unnoticed, units are issued twice and draws counted twice.
    expect(await checkDrawBooks(redis, [activity.id], traffic.answered)).toEqual([]);
    const wins = await db.win.aggregate({ where: { activityId: activity.id }, _sum: { quantity: true } });
    expect(wins._sum.quantity ?? 0).toBeLessThanOrEqual(STOCK);
    expect(Number(await redis.hget(drawKeys(activity.id).issued, `p:${prizes[0]!.id}`))).toBe(wins._sum.quantity ?? 0);

    // It was found behind: the restart came back with fewer draws than PostgreSQL had committed,
    // the activity was fenced (503 ACTIVITY_REBUILDING) and rebuilt (a new generation).
    expect(traffic.refusals.get('503 ACTIVITY_REBUILDING') ?? 0).toBeGreaterThan(0);
    const { stateEpoch } = await db.activity.findUniqueOrThrow({ where: { id: activity.id } });
    expect(stateEpoch).toBeGreaterThan(epochAtStart);
    expect(Number(await redis.hget(drawKeys(activity.id).cfg, 'seq'))).toBeGreaterThanOrEqual(committedBeforeKill);
  });
});
