// Workers beat their heart into Redis; /api/health reads it. A process counts as alive while
// its beat is younger than WORKER_HEARTBEAT_TTL_SECONDS.
import { hostname } from 'node:os';
import { config } from '../config';
import { key, type Redis } from '../redis';

const heartbeatsKey = () => key('workers', 'heartbeats');

export function workerId(): string {
  return `${hostname()}:${process.pid}`;
}

export async function beat(redis: Redis, id = workerId(), now = Date.now()) {
  await redis.zadd(heartbeatsKey(), now, id);
}

export async function forget(redis: Redis, id = workerId()) {
  await redis.zrem(heartbeatsKey(), id);
}

/** Ids of workers whose last beat is fresh; stale entries are pruned. */
export async function liveWorkers(redis: Redis, now = Date.now()): Promise<string[]> {
  const cutoff = now - config().WORKER_HEARTBEAT_TTL_SECONDS * 1000;
  await redis.zremrangebyscore(heartbeatsKey(), '-inf', `(${cutoff}`);
  return redis.zrangebyscore(heartbeatsKey(), cutoff, '+inf');
}
