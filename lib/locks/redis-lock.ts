// A Redis lock with an owner token and a TTL, released only by its owner.
// It is a guard against contention, never the only guarantee: writes it protects also carry
// an optimistic version check in PostgreSQL, so a holder that lost its lock cannot corrupt stock.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors';
import { defineScript, loadLuaScript, type Redis } from '../redis';

const releaseScript = loadLuaScript('lib/locks/lua', 'release-lock-1.lua');

export type LockHandle = { key: string; token: string };

export async function tryAcquireLock(redis: Redis, lockKey: string, ttlMs: number): Promise<LockHandle | null> {
  const token = randomUUID();
  const ok = await redis.set(lockKey, token, 'PX', ttlMs, 'NX');
  return ok === 'OK' ? { key: lockKey, token } : null;
}

export async function acquireLockOrThrow(
  redis: Redis,
  lockKey: string,
  { ttlMs = 5_000, waitMs = 5_000 }: { ttlMs?: number; waitMs?: number } = {},
): Promise<LockHandle> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    const handle = await tryAcquireLock(redis, lockKey, ttlMs);
    if (handle) return handle;
    if (Date.now() >= deadline) throw new AppError('CONFLICT', 'the resource is busy, try again', { lock: lockKey });
    await sleep(Math.min(5 * 2 ** attempt, 100) + Math.random() * 10);
  }
}

/** True if this owner released the lock; false if it had expired (and maybe passed on). */
export async function releaseLock(redis: Redis, handle: LockHandle): Promise<boolean> {
  return (await defineScript(redis, releaseScript)([handle.key], [handle.token])) === 1;
}
