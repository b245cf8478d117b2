// Shared by the benchmarks: a throwaway database and Redis prefix, the production server and
// workers started on them, and clean-up. Everything targets 127.0.0.1 and stops by itself.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

export const runId = `b${Date.now()}`;
export const port = Number(process.env.BENCH_PORT ?? 3300);
export const baseUrl = `http://127.0.0.1:${port}`;

/** Must run before any lib module is imported: lib/config reads the environment once. */
export function applyBenchEnvironment() {
  process.env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:5432/lottery_${runId}`;
  process.env.REDIS_PREFIX = runId;
  process.env.LOG_LEVEL = 'error';
  process.env.NEXT_DIST_DIR = '.next-bench';
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  process.env.PORT = String(port);
  process.env.DATABASE_POOL_SIZE ??= '20';
  // server.ts runs as production, which refuses the development session secret (lib/config.ts).
  process.env.AUTH_SECRET ||= `bench-secret-${runId}-0123456789abcdef`;
}

export function buildIfStale() {
  const stamp = '.next-bench/BUILD_ID';
  const sources = 'app components lib workers generated next.config.js package.json server.ts hot-routes.ts';
  const newest = spawnSync('sh', ['-c', `find ${sources} -type f -newer ${stamp} 2>/dev/null | head -n 1`])
    .stdout.toString()
    .trim();
  const compiled = existsSync('.server-build/server.mjs') && existsSync('.server-build/workers.mjs');
  // A build whose server code keeps its names (NEXT_SERVER_MINIFY=0, for a profile) is not the benches' build.
  const minify = process.env.NEXT_SERVER_MINIFY === '0' ? '0' : '1';
  const minifyStamp = '.next-bench/SERVER_MINIFY';
  const built = existsSync(minifyStamp) ? readFileSync(minifyStamp, 'utf8') : '1';
  if (existsSync(stamp) && statSync(stamp).size > 0 && !newest && compiled && built === minify) return;
  console.error(`building the production server (.next-bench${minify === '0' ? ', names kept' : ''})…`);
  const r = spawnSync('npm', ['run', '--silent', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: process.env,
  });
  if (r.status !== 0) throw new Error('next build failed');
  writeFileSync(minifyStamp, minify);
}

export type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  '2xx': number;
};
export const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: Record<string, unknown>,
) => Promise<AutocannonResult>;

/** A figure made of failures is no figure. */
export function checked(name: string, r: AutocannonResult): AutocannonResult {
  const failed = r.non2xx + r.errors;
  if (r['2xx'] === 0) throw new Error(`${name}: no request was answered within the run`);
  if (failed > 0.01 * (r['2xx'] + failed))
    throw new Error(`${name}: ${failed} of ${r['2xx'] + failed} requests failed`);
  return r;
}

const children: ChildProcess[] = [];

/**
 * The production server (server.ts) and the workers, both as `npm run build` compiled them;
 * `serverNodeArgs` go to the server's node (e.g. --cpu-prof).
 */
export async function startServerAndWorkers({ serverNodeArgs = [] }: { serverNodeArgs?: string[] } = {}) {
  const detached = { stdio: 'ignore', env: process.env, detached: true } as const;
  // The node flag of npm start (scripts/start.sh).
  const serverArgs = [
    '--heap-growing-percent=50',
    ...serverNodeArgs,
    '.server-build/server.mjs',
    '-p',
    String(port),
    '-H',
    '127.0.0.1',
  ];
  const server = spawn(process.execPath, serverArgs, detached);
  const workers = spawn(process.execPath, ['.server-build/workers.mjs'], detached);
  children.push(server, workers);
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return { serverPid: server.pid!, workersPid: workers.pid! };
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error('the server did not become healthy');
}

export function stopChildren() {
  for (const c of children) {
    try {
      process.kill(-c.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** Closes connections, deletes the run's Redis keys and drops its database. */
export async function cleanUpBench() {
  const { config } = await import('../../lib/config');
  const { db } = await import('../../lib/db');
  const { closeQueues } = await import('../../lib/queues');
  const { createRedis, deleteKeysWithPrefix } = await import('../../lib/redis');
  const { dropDatabase } = await import('../../lib/migrations/apply-migrations');
  stopChildren();
  await closeQueues();
  // The workers beat their heart until they have stopped; give them that moment.
  await sleep(2_000);
  const redis = createRedis('worker');
  await deleteKeysWithPrefix(redis, runId);
  await redis.quit();
  await db.$disconnect();
  await sleep(500);
  await dropDatabase(config().DATABASE_URL);
}

/** What a benchmark may set of its activity; by default none runs out of stock or chances. */
export type BenchActivityOptions = {
  name?: string;
  /** Per tier, how many wins it has; by default 3,000,000 each. */
  tierStocks?: number[];
  limits?: { freeDrawsPerDay: number; maxDrawsPerDay?: number; maxDrawsTotal?: number; maxWinsPerUser?: number };
  tasks?: { kind: 'sign_in' | 'share'; name: string; chances: number; perDay?: number }[];
};

/**
 * The run's database, migrated, with one tenant and a live activity: one tier per given
 * probability, each awarding its own points prize with stock to spare. Unless `options` say
 * otherwise, users get 1,000 free draws a day so a benchmark never runs out of chances.
 */
export async function createBenchActivity(
  probabilities: number[],
  tenantSlug = `bench-${runId}`,
  options: BenchActivityOptions = {},
) {
  const { config } = await import('../../lib/config');
  const { applyMigrations, ensureDatabase } = await import('../../lib/migrations/apply-migrations');
  await ensureDatabase(config().DATABASE_URL);
  await applyMigrations(config().DATABASE_URL);
  const { ensureTenant } = await import('../../lib/tenancy/ensure-tenant');
  const { createPrize } = await import('../../lib/prizes/create-prize');
  const { createActivity } = await import('../../lib/activities/create-activity');
  const { publishActivity } = await import('../../lib/activities/publish-activity');
  const actor = { type: 'SYSTEM', id: 'bench' } as const;
  const tenant = await ensureTenant(tenantSlug);
  const prizes = await Promise.all(
    probabilities.map((_, i) =>
      createPrize(tenant.id, actor, { name: `Bench prize ${i + 1}`, kind: 'points', stock: 10_000_000 }),
    ),
  );
  const now = Date.now();
  const activity = await createActivity(tenant.id, actor, {
    name: options.name ?? 'Bench',
    gameplay: 'wheel',
    timezone: 'UTC',
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 86400_000).toISOString(),
    limits: options.limits ?? { freeDrawsPerDay: 1_000 },
    tasks: options.tasks ?? [],
    materials: {},
    tiers: probabilities.map((probability, i) => ({
      name: `Tier ${i + 1}`,
      probability,
      stock: options.tierStocks?.[i] ?? 3_000_000,
      pacing: 'none' as const,
      prizes: [{ prizeId: prizes[i]!.id, quantity: 1 }],
    })),
  });
  await publishActivity(tenant.id, actor, activity.id);
  return { tenant, prizes, activity, actor };
}

/** Tokens of `count` end users of the tenant, user ids `${prefix}-0` …, valid for `ttlSeconds`. */
export async function benchUserTokens(
  tenant: { id: string; slug: string },
  count: number,
  prefix: string,
  ttlSeconds = 3600,
): Promise<string[]> {
  const { db } = await import('../../lib/db');
  const { mintUserToken } = await import('../../lib/auth/user-token');
  const { userTokenSecret } = await db.tenant.findUniqueOrThrow({
    where: { id: tenant.id },
    select: { userTokenSecret: true },
  });
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      mintUserToken(userTokenSecret, { tenantSlug: tenant.slug, userId: `${prefix}-${i}` }, ttlSeconds),
    ),
  );
}

/**
 * autocannon on an activity's end-user API, each request as the next of `tokens`' users in turn:
 * draws (each with a new Idempotency-Key; `more` adds autocannon options, a rate say) or GET …/me.
 */
export function userApiLoad(activityId: string, tokens: string[], connections: number) {
  let n = 0;
  const asUser =
    (extra: Record<string, string> = {}) =>
    (req: { headers: Record<string, string> }) => ({
      ...req,
      headers: { ...req.headers, authorization: `Bearer ${tokens[n++ % tokens.length]}`, ...extra },
    });
  const url = `${baseUrl}/api/v1/activities/${activityId}`;
  return {
    draws: (duration: number, more: Record<string, unknown> = {}) =>
      autocannon({
        url: `${url}/draws`,
        connections,
        duration,
        method: 'POST',
        ...more,
        requests: [
          {
            method: 'POST',
            setupRequest: (req: { headers: Record<string, string> }) =>
              asUser({ 'idempotency-key': randomUUID() })(req),
          },
        ],
      }),
    me: (duration: number) =>
      autocannon({ url: `${url}/me`, connections, duration, requests: [{ method: 'GET', setupRequest: asUser() }] }),
  };
}

/**
 * The engine's yardstick: redis-benchmark running a minimal one-key EVAL that
 * decrements a stock if any is left, `clients` connections; returns its requests/s.
 */
export async function redisEvalPerSecond(
  redis: { set: (key: string, value: number) => Promise<unknown> },
  clients: number,
): Promise<number> {
  const stockKey = `${runId}:bench:stock`;
  await redis.set(stockKey, 1_000_000_000);
  const lua =
    "local s = tonumber(redis.call('GET', KEYS[1])) if s > 0 then return redis.call('DECR', KEYS[1]) end return -1";
  const rb = spawnSync(
    'redis-benchmark',
    ['-h', '127.0.0.1', '-p', '6379', '-c', String(clients), '-n', '300000', '--csv', 'EVAL', lua, '1', stockKey],
    { encoding: 'utf8' },
  );
  const perSecond = Number(/"([\d.]+)"/.exec(rb.stdout.split('\n').find((l) => l.includes('EVAL')) ?? '')?.[1]);
  if (!perSecond) throw new Error(`redis-benchmark gave no figure: ${rb.stdout} ${rb.stderr}`);
  return perSecond;
}

/**
 * `inFlight` clients, each starting its next call when its last one is answered, for
 * `seconds`: calls per second, the mean time one took, and how many. `one(i)` gets the call's number.
 */
export async function closedLoop(
  inFlight: number,
  seconds: number,
  one: (i: number) => Promise<unknown>,
): Promise<{ perSecond: number; meanMs: number; count: number }> {
  let done = 0;
  const until = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, w) => {
      for (let i = w; Date.now() < until; i += inFlight) {
        await one(i);
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: done / elapsed, meanMs: (inFlight * elapsed * 1000) / done, count: done };
}

/** CPU seconds used so far by this process, the other Node processes (server, workers), PostgreSQL, Redis; and the machine's busy and idle seconds. Linux (/proc). */
export type CpuSnapshot = {
  engine: number;
  otherNode: number;
  postgres: number;
  redis: number;
  busy: number;
  idle: number;
};

/** Linux's USER_HZ (getconf CLK_TCK), the unit of /proc's CPU times: 100 on every mainstream build. */
const TICKS_PER_SECOND = 100;

export function cpuSnapshot(): CpuSnapshot {
  const seconds = secondsByGroup(processTable(), (pid, p) => {
    if (pid === process.pid) return 'engine';
    if (p.comm === 'node') return 'otherNode';
    if (p.comm === 'postgres') return 'postgres';
    return p.comm.startsWith('redis-server') ? 'redis' : null;
  });
  const machine = machineCpu();
  return {
    engine: seconds.engine ?? 0,
    otherNode: seconds.otherNode ?? 0,
    postgres: seconds.postgres ?? 0,
    redis: seconds.redis ?? 0,
    busy: machine.busy,
    idle: machine.all - machine.busy,
  };
}

/**
 * Where the draws of a run spent the machine: CPU µs a draw per process group, and how busy
 * the machine was.
 */
export function cpuPerDraw(before: CpuSnapshot, after: CpuSnapshot, draws: number): string {
  const us = (k: keyof CpuSnapshot) => (((after[k] - before[k]) / draws) * 1e6).toFixed(0);
  const busy = (after.busy - before.busy) / (after.busy - before.busy + after.idle - before.idle);
  return `engine process ${us('engine')}, PostgreSQL ${us('postgres')}, Redis ${us('redis')}, server and workers ${us('otherNode')} µs of CPU a draw; machine ${(busy * 100).toFixed(0)} % busy`;
}

/**
 * The machine's CPU time so far, all cores, in seconds: busy (neither idle nor waiting on I/O), in
 * all, and stolen (a virtual machine's cores running someone else's work; counted as busy).
 */
export function machineCpu(): { busy: number; all: number; steal: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal (guest time is counted in user already).
  const t = ticks.slice(0, 8).map(Number);
  const all = t.reduce((s, x) => s + x, 0);
  return {
    busy: (all - t[3]! - t[4]!) / TICKS_PER_SECOND,
    all: all / TICKS_PER_SECOND,
    steal: t[7]! / TICKS_PER_SECOND,
  };
}

/**
 * Every process's parent, program name, CPU seconds so far, and the CPU seconds of its children
 * that have exited and been reaped (Linux /proc: utime + stime, cutime + cstime).
 */
export type ProcessTable = Map<number, { ppid: number; comm: string; seconds: number; childSeconds: number }>;

export function processTable(): ProcessTable {
  const table: ProcessTable = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = (...at: number[]) => at.reduce((sum, i) => sum + Number(fields[i]), 0) / TICKS_PER_SECOND;
      table.set(Number(d), { ppid: Number(fields[1]), comm, seconds: ticks(11, 12), childSeconds: ticks(13, 14) });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/**
 * CPU seconds so far of each group `groupOf` puts processes in (null: none), those that have
 * exited included: a process that ends is reaped by its parent, whose reaped children's seconds
 * then hold its time (and its own reaped children's), so every member adds its reaped children's
 * seconds to its own. Without them, a PostgreSQL backend or autovacuum worker that ended between
 * two readings would take its whole life's CPU out of the difference, which could come out negative.
 */
export function secondsByGroup(
  table: ProcessTable,
  groupOf: (pid: number, p: { ppid: number; comm: string }) => string | null,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pid, p] of table) {
    const group = groupOf(pid, p);
    if (group) out[group] = (out[group] ?? 0) + p.seconds + p.childSeconds;
  }
  return out;
}
