// The request connection's writes, on a private redis-server (its read counter sees this test's
// commands only): commands given while the event loop runs its callbacks reach Redis in one write,
// in order and each with its own answer, after a reconnect too; and fail fast while Redis is away.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisServer } from '../helpers/redis-server';

const redisServer = await RedisServer.start('none');
// lib/config reads the environment once, at the first import below.
process.env.REDIS_URL = redisServer.url;
const { createRedis, key } = await import('@/lib/redis');

const redis = createRedis('request');
// Refused connections while the server is down are expected; ioredis reconnects by itself.
redis.on('error', () => undefined);
const observer = createRedis('worker');
afterAll(async () => {
  redis.disconnect();
  observer.disconnect();
  await redisServer.cleanup();
});

/** Read events Redis has processed so far, over all its connections. */
async function readsProcessed(): Promise<number> {
  const info = await observer.info('stats');
  return Number(/total_reads_processed:(\d+)/.exec(info)![1]);
}

/** 200 commands given in one tick; the reads Redis needed for them (the observer's own INFO counts one). */
async function readsFor200Commands(prefix: string): Promise<{ answers: unknown[]; reads: number }> {
  const before = await readsProcessed();
  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? redis.set(key(prefix, i), `v${i}`) : redis.get(key(prefix, i - 1)),
    ),
  );
  return { answers, reads: (await readsProcessed()) - before - 1 };
}

describe('the request connection', () => {
  it('sends the commands of one tick in one write, each answered in order', async () => {
    if (redis.status !== 'ready') await once(redis, 'ready');
    const { answers, reads } = await readsFor200Commands('one-write');
    expect(answers).toEqual(Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 'OK' : `v${i - 1}`)));
    // One write of about 10 KB: Redis reads it in one or two reads, never one per command.
    expect(reads).toBeLessThanOrEqual(3);
  });

  it('batches again on the socket of a reconnect', async () => {
    const id = await redis.client('ID');
    await observer.client('KILL', 'ID', String(id));
    for (let i = 0; i < 100 && (await redis.client('ID').catch(() => id)) === id; i++) await sleep(50);
    expect(await redis.client('ID')).not.toBe(id);
    const { answers, reads } = await readsFor200Commands('after-reconnect');
    expect(answers[1]).toBe('v0');
    expect(answers[199]).toBe('v198');
    expect(reads).toBeLessThanOrEqual(3);
  });

  it('fails fast while Redis is away, and works again once it is back', async () => {
    await redisServer.kill();
    // No offline queue: the command is refused now, not held until the restart below (it would never come).
    await expect(redis.get(key('away'))).rejects.toThrow();
    await redisServer.restart();
    for (let i = 0; i < 100 && redis.status !== 'ready'; i++) await sleep(50);
    expect(await redis.set(key('back'), '1')).toBe('OK');
  });
});
