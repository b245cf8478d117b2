import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { withPrizeLocks } from '@/lib/locks/prize-lock';
import { acquireLockOrThrow, releaseLock, tryAcquireLock } from '@/lib/locks/redis-lock';
import { createRedis, key } from '@/lib/redis';

const redis = createRedis('worker');
afterAll(() => redis.quit());

describe('the Redis lock', () => {
  it('is released only by its owner: a holder whose TTL expired cannot release the next holder', async () => {
    const lockKey = key('test-lock', randomUUID());
    const first = await tryAcquireLock(redis, lockKey, 50);
    expect(first).not.toBeNull();
    await sleep(80); // first's TTL runs out while it still "works"
    const second = await tryAcquireLock(redis, lockKey, 10_000);
    expect(second).not.toBeNull();
    expect(await releaseLock(redis, first!)).toBe(false);
    expect(await redis.get(lockKey)).toBe(second!.token);
    expect(await tryAcquireLock(redis, lockKey, 1_000)).toBeNull();
    expect(await releaseLock(redis, second!)).toBe(true);
    expect(await redis.exists(lockKey)).toBe(0);
  });

  it('lets exactly one of many contenders in at a time', async () => {
    const prizeId = randomUUID();
    let inside = 0;
    let maxInside = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withPrizeLocks(redis, [prizeId], async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await sleep(2);
          inside--;
          done++;
        }),
      ),
    );
    expect(done).toBe(20);
    expect(maxInside).toBe(1);
  });

  it('gives up with CONFLICT when the lock stays busy', async () => {
    const lockKey = key('test-lock', randomUUID());
    await tryAcquireLock(redis, lockKey, 5_000);
    await expect(acquireLockOrThrow(redis, lockKey, { waitMs: 100 })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('still works after Redis forgot its scripts (EVALSHA falls back on NOSCRIPT)', async () => {
    const lockKey = key('test-lock', randomUUID());
    const h = await tryAcquireLock(redis, lockKey, 5_000);
    await releaseLock(redis, h!); // loads the script
    const h2 = await tryAcquireLock(redis, lockKey, 5_000);
    await redis.script('FLUSH');
    expect(await releaseLock(redis, h2!)).toBe(true);
  });
});
