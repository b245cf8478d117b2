// Redis killed (-9) and restarted empty under steady draw traffic (200 clients drawing through the
// route handler) with the workers process running, on a private redis-server. During the outage
// draws answer 503, never 500; afterwards they resume by themselves on states rebuilt from
// PostgreSQL. The workers make their repeating schedules again and, from PostgreSQL, the delayed
// jobs Redis lost: an activity due to start during the outage starts, one due to end ends and
// returns its unused stock exactly once. The books hold at the end.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisServer } from '../../helpers/redis-server';

const redisServer = await RedisServer.start('none');
// lib/config reads the environment once, at the first import below.
process.env.REDIS_URL = redisServer.url;

const { createActivity } = await import('@/lib/activities/create-activity');
const { publishActivity } = await import('@/lib/activities/publish-activity');
const { db } = await import('@/lib/db');
const { closeQueues, getQueue } = await import('@/lib/queues');
const { createRedis } = await import('@/lib/redis');
const { schedules } = await import('@/lib/workers/ensure-schedules');
const { createPrizes, liveActivity, specFor, testActor } = await import('../../helpers/activities');
const { freshTenant } = await import('../../helpers/fixtures');
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

const CLIENTS = 200;
const limits = { limits: { freeDrawsPerDay: 100_000, maxDrawsPerDay: 100_000 } };

/** Every repeating job of the table, by queue and id, as BullMQ holds them now. */
async function schedulerIds(): Promise<string[]> {
  const queues = [...new Set(schedules().map((s) => s.queue))];
  const ids: string[] = [];
  for (const q of queues) ids.push(...(await getQueue(q).getJobSchedulers(0, -1)).map((s) => `${q}/${s.key}`));
  return ids.sort();
}
const expectedSchedulers = schedules()
  .map((s) => `${s.queue}/${s.id}`)
  .sort();

describe('Redis killed and restarted empty under draw traffic and the workers', () => {
  it('answers 503 meanwhile, resumes by itself, restores the jobs, and the books hold', async () => {
    const tenant = await freshTenant();
    const { activity: steady } = await liveActivity(
      (p) => [{ probability: 0.2, stock: 400, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [400], overrides: limits, tenant },
    );
    const worker = startWorkers();
    const traffic = new DrawTraffic();
    try {
      const started = await waitFor(
        () => schedulerIds().catch(() => []),
        (ids) => ids.length === expectedSchedulers.length,
        60_000,
      );
      expect(started).toEqual(expectedSchedulers);

      const tokens = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => tenant.userToken(`u${i}`)));
      // One activity to start and one to end while Redis is down; the second is drawn in before.
      const [endingPrize, startingPrize] = await createPrizes(tenant.id, [100, 200]);
      const publish = async (prizeId: string, period: { startsAt: string; endsAt: string }) => {
        const spec = specFor([{ probability: 0.5, stock: 60, prizes: [{ prizeId }] }], { ...limits, ...period });
        return publishActivity(tenant.id, testActor, (await createActivity(tenant.id, testActor, spec)).id);
      };
      // And one due after the outage: its delayed start job is lost with Redis and must come back.
      const laterAt = Date.now() + 3 * 3600_000;
      const later = await publish(startingPrize!.id, {
        startsAt: new Date(laterAt).toISOString(),
        endsAt: new Date(laterAt + 3600_000).toISOString(),
      });
      const laterStart = () => getQueue('activity-lifecycle').getJob(`lifecycle-${later.id}-start-${laterAt}`);
      expect(await laterStart()).toBeDefined();

      // Far enough ahead that the traffic is under way before Redis goes down.
      const dueAt = Date.now() + 12_000;
      const ending = await publish(endingPrize!.id, {
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(dueAt).toISOString(),
      });
      const starting = await publish(startingPrize!.id, {
        startsAt: new Date(dueAt).toISOString(),
        endsAt: new Date(dueAt + 3600_000).toISOString(),
      });
      expect([ending.status, starting.status]).toEqual(['LIVE', 'SCHEDULED']);

      // Most draw in the steady activity; a few in each of the other two.
      const clients = tokens.map((token, i) => ({
        activityId: i < 160 ? steady.id : i < 180 ? ending.id : starting.id,
        userId: `u${i}`,
        token,
      }));
      traffic.start(clients, { deadlineMs: 110_000 });
      expect(
        await waitFor(
          async () => traffic.okSincePhase,
          (n) => n >= 100,
          30_000,
        ),
      ).toBeGreaterThanOrEqual(100);

      await redisServer.kill();
      // Killed before either is due, so both fall in the outage.
      expect(Date.now()).toBeLessThan(dueAt);
      traffic.markPhase();
      const refusedBefore = traffic.count(503);
      // Down past both due times.
      await sleep(Math.max(0, dueAt + 2_000 - Date.now()));
      expect(traffic.count(503)).toBeGreaterThan(refusedBefore);
      await redisServer.restart();
      expect(await laterStart()).toBeUndefined();

      // Draws resume by themselves, in the steady activity and in the one that started meanwhile.
      const resumed = () => traffic.answered.filter((a) => a.activityId === starting.id).length;
      expect(
        await waitFor(
          async () => traffic.okSincePhase,
          (n) => n >= 500,
          60_000,
        ),
      ).toBeGreaterThanOrEqual(500);
      expect(
        await waitFor(
          async () => resumed(),
          (n) => n >= 20,
          60_000,
        ),
      ).toBeGreaterThanOrEqual(20);
      expect(
        await waitFor(
          () => schedulerIds().catch(() => []),
          (ids) => ids.length === expectedSchedulers.length,
          30_000,
        ),
      ).toEqual(expectedSchedulers);
      const statusOf = (id: string) =>
        db.activity.findUniqueOrThrow({ where: { id }, select: { status: true, startsAt: true, endedAt: true } });
      // Draws open at startsAt by themselves; the status follows when the restored job (or the sweep) runs.
      expect(
        (
          await waitFor(
            () => statusOf(starting.id),
            (a) => a.status === 'LIVE',
            60_000,
          )
        ).status,
      ).toBe('LIVE');
      const restored = await waitFor(
        () => laterStart().catch(() => undefined),
        (job) => !!job,
        30_000,
      );
      expect(await restored?.getState()).toBe('delayed');
      const settled = await waitFor(
        () => statusOf(ending.id),
        (a) => a.status === 'SETTLED',
        60_000,
      );
      expect(settled.status).toBe('SETTLED');
      await traffic.stop();
      expect(traffic.count(500), JSON.stringify([...traffic.refusals])).toBe(0);

      // The ended activity's unused stock went back once: one RETURN row, the prize whole again.
      const won = await db.win.aggregate({ where: { activityId: ending.id }, _sum: { quantity: true } });
      const returns = await db.stockMovement.findMany({ where: { activityId: ending.id, kind: 'RETURN' } });
      expect(returns).toHaveLength(1);
      expect(returns[0]!.poolDelta).toBe(60 - (won._sum.quantity ?? 0));
      expect((await db.prize.findUniqueOrThrow({ where: { id: endingPrize!.id } })).availableStock).toBe(
        100 - (won._sum.quantity ?? 0),
      );
      expect(await checkDrawBooks(redis, [steady.id, ending.id, starting.id], traffic.answered)).toEqual([]);
    } finally {
      await traffic.stop();
      worker.kill('SIGKILL');
      await once(worker, 'exit');
    }
  });
});
