// Redis restarts empty under running workers (its own redis-server on a free port, never the
// shared one): the workers make their repeating schedules again, and the full pass finds a draw
// stream whose dirty mark was lost, so nothing stays undrained.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

const port = await freePort();
const dir = mkdtempSync(path.join(tmpdir(), 'redis-restart-'));
// lib/config reads the environment once, at the first import below.
process.env.REDIS_URL = `redis://127.0.0.1:${port}/0`;

async function startRedis(): Promise<ChildProcess> {
  // No RDB, no AOF: a restart comes back empty.
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true))).on('error', () => resolve(false));
    });
    if (ok) return child;
    await sleep(50);
  }
  throw new Error('redis-server did not start');
}

async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await once(child, 'exit');
}

async function waitFor<T>(what: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await what().catch(() => undefined as T);
    if (ok(v) || Date.now() > deadline) return v;
    await sleep(100);
  }
}

let redisServer = await startRedis();
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
  await stop(redisServer, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

const schedulerIds = async () => (await getQueue('draw-log').getJobSchedulers(0, -1)).map((s) => s.key).sort();

describe('Redis restarted empty under the workers', () => {
  it('the workers make their schedules again, and the full pass drains a stream whose mark was lost', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { probability: 0.5, stock: 5, prizes: [{ prizeId: p[0]! }] },
    ]);
    const worker = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
      env: { ...process.env, LOG_LEVEL: 'error' },
      stdio: 'ignore',
    });
    try {
      // Started: the process compiles its sources first.
      expect(await waitFor(schedulerIds, (ids) => ids?.length === 2, 60_000)).toEqual(['drain-full', 'drain-sweep']);

      // Frozen while Redis goes away and comes back empty, so the draw below is made first.
      worker.kill('SIGSTOP');
      await stop(redisServer, 'SIGKILL');
      redisServer = await startRedis();
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
      await stop(worker, 'SIGKILL');
    }
  });
});
