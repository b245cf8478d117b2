// The per-prize lock: every change of a prize's total pool or of an activity
// pool holds it, in id order when several are needed, so two changes never deadlock.
import { acquireLockOrThrow, releaseLock, type LockHandle } from './redis-lock';
import { key, type Redis } from '../redis';

export const prizeLockKey = (prizeId: string) => key('lock', 'prize', prizeId);

export async function withPrizeLocks<T>(redis: Redis, prizeIds: string[], fn: () => Promise<T>): Promise<T> {
  const held: LockHandle[] = [];
  try {
    for (const id of [...new Set(prizeIds)].sort())
      held.push(await acquireLockOrThrow(redis, prizeLockKey(id), { ttlMs: 15_000, waitMs: 15_000 }));
    return await fn();
  } finally {
    await Promise.all(held.map((h) => releaseLock(redis, h).catch(() => false)));
  }
}
