// The deliveries queue under faults, with its own redis-server on a free port: a sender killed
// after its POST and before its record (the receiver has the event, the record does not say so)
// sends it again with the same event id; a Redis restarted empty loses the queued and delayed
// attempts, and the sweep finds them again in PostgreSQL.
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisServer } from '../../helpers/redis-server';
import { startWorkers, stopOutsideTransactions, waitFor } from '../../helpers/workers';

const redisServer = await RedisServer.start('none');
// lib/config reads the environment once, at the first import below; the workers inherit it.
process.env.REDIS_URL = redisServer.url;
// Long enough for the test to see the retry wait in Redis before it is due.
process.env.WEBHOOK_RETRY_SCHEDULE = '10s';

const { db } = await import('@/lib/db');
const { executeDraw } = await import('@/lib/draw/execute-draw');
const { closeQueues, getQueue } = await import('@/lib/queues');
const { createRedis } = await import('@/lib/redis');
const { heldKey } = await import('@/lib/workers/hold-point');
const { deliveryJobId, eventIdFor } = await import('@/lib/webhooks/emit-event');
const { emitWinCreated } = await import('@/lib/webhooks/emit-win-created');
const { endUser, liveActivity } = await import('../../helpers/activities');
const { addWebhookEndpoint, startHookReceiver } = await import('../../helpers/hook-receiver');

const redis = createRedis('worker');
redis.on('error', () => undefined);
afterAll(async () => {
  redis.disconnect();
  await closeQueues();
  await redisServer.cleanup();
});

async function wonBy(userId: string, receiverUrl: string) {
  const live = await liveActivity((p) => [{ probability: 1, stock: 50, prizes: [{ prizeId: p[0]! }] }], {
    overrides: { limits: { freeDrawsPerDay: 5 } },
  });
  const endpoint = await addWebhookEndpoint(live.tenant.id, receiverUrl, { events: ['win.created'] });
  const { winIds } = await executeDraw(endUser(live.tenant, userId), live.activity.id, randomUUID());
  const delivery = await db.webhookDelivery.findFirstOrThrow({
    where: { subjectId: winIds[0]!, endpointId: endpoint.id },
  });
  return { ...live, winId: winIds[0]!, delivery };
}

const statusOf = async (id: string) => (await db.webhookDelivery.findUniqueOrThrow({ where: { id } })).status;

async function stop(worker: ReturnType<typeof startWorkers>) {
  if (worker.exitCode === null && worker.signalCode === null) {
    worker.kill('SIGKILL');
    await once(worker, 'exit');
  }
}

describe('deliveries queue faults', () => {
  it('a sender killed after the POST: sent again with the same event id, then delivered', async () => {
    const receiver = await startHookReceiver();
    const { winId, delivery } = await wonBy('killed', receiver.url);
    const hold = `deliveries:sent:${delivery.id}`;
    let workers = startWorkers({ WORKER_HOLD_AT: hold });
    try {
      expect(
        await waitFor(
          () => redis.exists(heldKey(hold)),
          (n) => n === 1,
          60_000,
        ),
      ).toBe(1);
      expect(receiver.hooks).toHaveLength(1);
      expect(await statusOf(delivery.id)).toBe('PENDING');
      workers.kill('SIGKILL');
      await once(workers, 'exit');
      await redis.del(heldKey(hold));
      workers = startWorkers();
      // The attempt's lease ends; the sweep (or BullMQ's stalled-job check) makes it again.
      expect(
        await waitFor(
          () => statusOf(delivery.id),
          (s) => s === 'DELIVERED',
          90_000,
        ),
      ).toBe('DELIVERED');
    } finally {
      await stop(workers);
      await receiver.close();
    }
    expect(receiver.hooks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(receiver.hooks.map((h) => h.id))).toEqual(new Set([eventIdFor('win.created', winId)]));
  }, 200_000);

  it('Redis restarted empty: a delayed retry and a never-queued delivery are sent from PostgreSQL', async () => {
    const receiver = await startHookReceiver({ statuses: [500] });
    const closers: (() => Promise<void>)[] = [receiver.close];
    const retried = await wonBy('retried', receiver.url);
    const workers = startWorkers();
    try {
      // The first attempt fails; the retry waits in Redis as a delayed job.
      const retry = deliveryJobId(retried.delivery.id, 1);
      expect(
        await waitFor(
          async () => (await getQueue('deliveries').getJob(retry))?.getState(),
          (state) => state === 'delayed',
          60_000,
        ),
        'the retry queued as a delayed job',
      ).toBe('delayed');
      expect(receiver.hooks).toHaveLength(1);
      expect(await statusOf(retried.delivery.id)).toBe('PENDING');

      await stopOutsideTransactions(workers, db);
      // A second endpoint's delivery of the same event, written and never queued (as if its process
      // died right after the commit).
      const other = await startHookReceiver();
      closers.push(other.close);
      await addWebhookEndpoint(retried.tenant.id, other.url, { events: ['win.created'] });
      const [neverQueued] = await db.$transaction((tx) => emitWinCreated(tx, retried.tenant.id, [retried.winId]));
      expect(neverQueued).toBeDefined();
      await redisServer.kill();
      await redisServer.restart();
      expect(await redis.dbsize()).toBe(0);
      workers.kill('SIGCONT');

      expect(
        await waitFor(
          () => statusOf(retried.delivery.id),
          (s) => s === 'DELIVERED',
          60_000,
        ),
      ).toBe('DELIVERED');
      expect(
        await waitFor(
          () => statusOf(neverQueued!),
          (s) => s === 'DELIVERED',
          60_000,
        ),
      ).toBe('DELIVERED');
      const ids = receiver.hooks.filter((h) => h.data?.winId === retried.winId).map((h) => h.id);
      expect(ids.length).toBeGreaterThanOrEqual(2);
      expect(new Set([...ids, ...other.hooks.map((h) => h.id)])).toEqual(
        new Set([eventIdFor('win.created', retried.winId)]),
      );
    } finally {
      await stop(workers);
      for (const close of closers) await close();
    }
  }, 200_000);
});
