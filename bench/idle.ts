// What idle activities cost: the real workers (workers/index.ts) over 10, then 1,000 live
// activities nobody draws in, each for a fixed window once the work their creation caused is
// done. The workers' CPU comes from /proc/<pid>/stat, Redis's from INFO cpu of a redis-server of
// the benchmark's own (so no other user of the machine's Redis counts). Prints
// `BASELINE idle_10_cpu_ms_per_s`, `RATIO idle_1000_vs_10` (goal <= 1.5) and a line per process.
// Its own database, Redis and prefix on 127.0.0.1, removed afterwards; about two minutes (most of
// it creating the activities).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { applyBenchEnvironment, runId } from './lib/harness';

const WINDOW_SECONDS = 10;
const SMALL = 10;
const LARGE = 1_000;
const CREATE_LANES = 16;
/** Linux's USER_HZ (getconf CLK_TCK), the unit of /proc's CPU times. */
const TICKS_PER_SECOND = 100;

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

const redisPort = await freePort();
const redisDir = mkdtempSync(path.join(tmpdir(), 'bench-idle-'));
applyBenchEnvironment();
process.env.REDIS_URL = `redis://127.0.0.1:${redisPort}/0`;
const redisServer = spawn(
  'redis-server',
  ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir],
  { stdio: 'ignore' },
);

const { config } = await import('../lib/config');
const { db } = await import('../lib/db');
const { applyMigrations, dropDatabase, ensureDatabase } = await import('../lib/migrations/apply-migrations');
const { closeQueues, getQueue } = await import('../lib/queues');
const { createRedis, requestRedis } = await import('../lib/redis');
const { liveWorkers } = await import('../lib/workers/heartbeat');
const { DIRTY_PASSES, dirtyKey } = await import('../lib/workers/dirty-activities');
const { ensureTenant } = await import('../lib/tenancy/ensure-tenant');
const { createPrize } = await import('../lib/prizes/create-prize');
const { createActivity } = await import('../lib/activities/create-activity');
const { publishActivity } = await import('../lib/activities/publish-activity');

const redis = createRedis('worker');
let workers: ChildProcess | null = null;

function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000; // utime + stime
}

async function redisCpuMs(): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return (field('used_cpu_sys') + field('used_cpu_user')) * 1000;
}

/**
 * The throwaway database's sessions commit without waiting for the disk (only this database's:
 * the server's other databases keep their setting), so making a thousand activities through the
 * real publish path takes a minute, not several, on a busy machine. Idle work commits nothing.
 */
async function commitWithoutWaitingForDisk(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" SET synchronous_commit = off`);
  await client.end();
}

const actor = { type: 'SYSTEM', id: 'bench' } as const;
let created = 0;

/** Live activities as an operator makes them: created, then published (stock reserved, hot state built). */
async function createLiveActivities(tenantId: string, prizeIds: string[], count: number) {
  let next = 0;
  await Promise.all(
    prizeIds.map(async (prizeId) => {
      while (next < count) {
        next++;
        const now = Date.now();
        const draft = await createActivity(tenantId, actor, {
          name: `Idle ${++created}`,
          gameplay: 'wheel',
          timezone: 'UTC',
          limits: { freeDrawsPerDay: 1 },
          tasks: [],
          materials: {},
          startsAt: new Date(now - 60_000).toISOString(),
          endsAt: new Date(now + 86400_000).toISOString(),
          tiers: [{ name: 'Tier 1', probability: 0.1, stock: 10, pacing: 'none', prizes: [{ prizeId, quantity: 1 }] }],
        });
        await publishActivity(tenantId, actor, draft.id);
      }
    }),
  );
}

/**
 * Waits for the workers to beat, then until nothing is marked and no pass but the repeating ones
 * is queued or running (at most a minute).
 */
async function settle() {
  const deadline = Date.now() + 60_000;
  while ((await liveWorkers(redis)).length === 0 && Date.now() < deadline) await sleep(250);
  let quietChecks = 0;
  while (quietChecks < 3 && Date.now() < deadline) {
    const marked = await Promise.all(DIRTY_PASSES.map((p) => redis.scard(dirtyKey(p))));
    const queues = ['stats', 'reconcile', 'settle', 'activity-lifecycle', 'auto-tune', 'odds-drift', 'alerts'] as const;
    const counts = await Promise.all(queues.map((q) => getQueue(q).getJobCounts('active', 'waiting', 'prioritized')));
    const busy =
      marked.some((n) => n > 0) || counts.some((c) => (c.active ?? 0) + (c.waiting ?? 0) + (c.prioritized ?? 0) > 0);
    quietChecks = busy ? 0 : quietChecks + 1;
    await sleep(500);
  }
}

async function measure(label: string) {
  await settle();
  const pid = workers!.pid!;
  const [w0, r0, t0] = [processCpuMs(pid), await redisCpuMs(), performance.now()];
  await sleep(WINDOW_SECONDS * 1000);
  const [w1, r1, t1] = [processCpuMs(pid), await redisCpuMs(), performance.now()];
  const seconds = (t1 - t0) / 1000;
  const result = { workers: (w1 - w0) / seconds, redis: (r1 - r0) / seconds };
  console.log(`LATENCY ${label}_workers_cpu_ms_per_s=${result.workers.toFixed(2)}`);
  console.log(`LATENCY ${label}_redis_cpu_ms_per_s=${result.redis.toFixed(2)}`);
  return result.workers + result.redis;
}

try {
  await ensureDatabase(config().DATABASE_URL);
  await applyMigrations(config().DATABASE_URL);
  await commitWithoutWaitingForDisk(config().DATABASE_URL);
  const tenant = await ensureTenant(`bench-${runId}`);
  const prizes = await Promise.all(
    Array.from({ length: CREATE_LANES }, (_, i) =>
      createPrize(tenant.id, actor, { name: `Idle prize ${i + 1}`, kind: 'points', stock: 1_000_000 }),
    ),
  );
  const prizeIds = prizes.map((p) => p.id);
  workers = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], { stdio: 'ignore', env: process.env });

  await createLiveActivities(tenant.id, prizeIds, SMALL);
  const small = await measure(`idle_${SMALL}`);
  const createdAt = performance.now();
  await createLiveActivities(tenant.id, prizeIds, LARGE - SMALL);
  console.error(
    `created ${LARGE - SMALL} more live activities in ${((performance.now() - createdAt) / 1000).toFixed(0)} s`,
  );
  const large = await measure(`idle_${LARGE}`);
  console.log(`BASELINE idle_${SMALL}_cpu_ms_per_s=${small.toFixed(2)}`);
  console.log(`RATIO idle_${LARGE}_vs_${SMALL}=${(large / small).toFixed(2)}`);
  console.error(`bench:idle took ${(performance.now() / 1000).toFixed(0)} s`);
} finally {
  if (workers && workers.exitCode === null) {
    const exited = once(workers, 'exit');
    workers.kill('SIGTERM');
    if ((await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)])) === false)
      workers.kill('SIGKILL');
  }
  await closeQueues();
  await redis.quit().catch(() => undefined);
  // publishActivity built the hot states through the request path's shared connection.
  (await requestRedis().catch(() => null))?.disconnect();
  await db.$disconnect();
  redisServer.kill('SIGTERM');
  await once(redisServer, 'exit');
  rmSync(redisDir, { recursive: true, force: true });
  await sleep(500);
  await dropDatabase(config().DATABASE_URL);
}
