// npm run fuzz -- --runs N [--seed S] [--lanes L] [--max-seconds T] [--budget-seconds T] [--shrink-seconds T]
//                  [--port P] [--keep] [--brief]
//
// Hostile requests against every route and server action of the production build (server.ts
// and the workers, started here on a throwaway database and Redis prefix), checked for 5xx,
// hangs, refusals that change state and books that do not reconcile (tests/fuzz/). Prints its
// seed (--seed reproduces a run), counts per route and status, latencies and the books; exits
// non-zero on any violation, printing a minimal reproduction of each kind. --max-seconds stops
// sending after T s of requests, --budget-seconds early enough for the whole run to take T s;
// --brief leaves out the table per endpoint; --keep keeps the database and Redis keys.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '2000' },
    seed: { type: 'string' },
    lanes: { type: 'string', default: '4' },
    'max-seconds': { type: 'string' },
    'budget-seconds': { type: 'string' },
    'shrink-seconds': { type: 'string', default: '60' },
    port: { type: 'string' },
    keep: { type: 'boolean', default: false },
    brief: { type: 'boolean', default: false },
  },
});

const scriptStarted = Date.now();
/** What a budgeted run keeps for shrinking, the books and clean-up after the last request. */
const RESERVED_SECONDS = 20;
const runs = Number(args.runs);
const seed = args.seed !== undefined ? Number(args.seed) : randomBytes(4).readUInt32BE(0);
const lanes = Number(args.lanes);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || !Number.isInteger(lanes) || lanes < 1) {
  console.error(
    'usage: npm run fuzz -- --runs N [--seed S] [--lanes L] [--max-seconds T] [--budget-seconds T] ' +
      '[--shrink-seconds T] [--port P] [--keep] [--brief]',
  );
  process.exit(2);
}

const runId = `fz${Date.now().toString(36)}`;
const base = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/lottery');
base.pathname = `/lottery_${runId}`;
const port = args.port ? Number(args.port) : await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const distDir = process.env.NEXT_DIST_DIR || '.next-fuzz';
Object.assign(process.env, {
  DATABASE_URL: base.toString(),
  REDIS_PREFIX: runId,
  NEXT_DIST_DIR: distDir,
  NEXT_TELEMETRY_DISABLED: '1',
  TZ: 'UTC',
  PORT: String(port),
  PUBLIC_URL: baseUrl,
  NEXTAUTH_URL: baseUrl,
  AUTH_SECRET: randomBytes(32).toString('base64url'),
  LOG_LEVEL: 'silent',
});

console.log(
  `fuzz: seed ${seed} (reproduce with --seed ${seed}), runs ${runs}, lanes ${lanes}, server ${baseUrl}, ` +
    `database ${base.pathname.slice(1)}, Redis prefix ${runId}`,
);

const children: ChildProcess[] = [];
const serverLog: string[] = [];
const serverLogFile = path.join(tmpdir(), `${runId}-server.log`);
const serverLogStream = createWriteStream(serverLogFile);

function buildIfStale() {
  const stamp = `${distDir}/BUILD_ID`;
  const sources = 'app components lib workers generated proxy.ts server.ts hot-routes.ts next.config.js package.json';
  const newer = spawnSync('sh', ['-c', `find ${sources} -type f -newer ${stamp} 2>/dev/null | head -n 1`])
    .stdout.toString()
    .trim();
  const compiled = existsSync('.server-build/server.mjs') && existsSync('.server-build/workers.mjs');
  if (existsSync(stamp) && statSync(stamp).size > 0 && !newer && compiled) return;
  console.log(`fuzz: building the production server (${distDir})…`);
  const r = spawnSync('npm', ['run', '--silent', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: process.env,
  });
  if (r.status !== 0) throw new Error('next build failed');
}

function start(argv: string[], keepLog: boolean) {
  // The server logs its errors (each with the request id) for the report; the fuzz process itself stays quiet.
  const child = spawn(process.execPath, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
    detached: true,
  });
  const keep = (chunk: Buffer) => {
    if (!keepLog) return;
    serverLogStream.write(chunk);
    for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) serverLog.push(l);
    if (serverLog.length > 20_000) serverLog.splice(0, serverLog.length - 20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  children.push(child);
}

async function waitHealthy() {
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`the server did not become healthy:\n${serverLog.slice(-20).join('\n')}`);
}

function stopChildren() {
  for (const c of children) {
    try {
      process.kill(-c.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

async function cleanUp() {
  const { db } = await import('../lib/db');
  const { closeQueues } = await import('../lib/queues');
  const { createRedis, deleteKeysWithPrefix } = await import('../lib/redis');
  const { dropDatabase } = await import('../lib/migrations/apply-migrations');
  stopChildren();
  await closeQueues();
  await sleep(2_000);
  if (args.keep) {
    console.log(`fuzz: kept database ${base.pathname.slice(1)} and Redis prefix ${runId}`);
  } else {
    const redis = createRedis('worker');
    await deleteKeysWithPrefix(redis, runId);
    await redis.quit();
  }
  await db.$disconnect();
  if (!args.keep) {
    await sleep(500);
    await dropDatabase(base.toString());
  }
}

let exitCode = 1;
try {
  buildIfStale();
  const { applyMigrations, ensureDatabase } = await import('../lib/migrations/apply-migrations');
  await ensureDatabase(base.toString());
  await applyMigrations(base.toString());
  // The node flag of npm start (scripts/start.sh).
  start(['--heap-growing-percent=50', '.server-build/server.mjs', '-p', String(port), '-H', '127.0.0.1'], true);
  start(['.server-build/workers.mjs'], false);
  await waitHealthy();
  const { runFuzz } = await import('../tests/fuzz/run-fuzz');
  const { formatReport } = await import('../tests/fuzz/report');
  const { closeClient } = await import('../tests/fuzz/http-client');
  const result = await runFuzz({
    runs,
    seed,
    lanes,
    baseUrl,
    prefix: runId,
    root: process.cwd(),
    distDir,
    maxSeconds: args['max-seconds'] ? Number(args['max-seconds']) : undefined,
    // The whole run's wall budget: requests stop early enough to leave the checks and clean-up
    // their time, however long the build and the server took to come up.
    stopSendingAt: args['budget-seconds']
      ? scriptStarted + (Number(args['budget-seconds']) - RESERVED_SECONDS) * 1000
      : undefined,
    shrinkSeconds: Number(args['shrink-seconds']),
    log: (l) => console.log(l),
  });
  closeClient();
  // A request id is in the server's JSON error line; a server action's digest follows the error Next printed.
  const serverErrors = (id: string) => {
    const at = serverLog.findIndex((l) => l.includes(id));
    if (at < 0) return undefined;
    return serverLog[at]!.includes('"level"')
      ? serverLog[at]
      : serverLog.slice(Math.max(0, at - 3), at + 1).join(' ⏎ ');
  };
  console.log(
    `fuzz: the server's log is in ${serverLogFile}; ${Math.round((Date.now() - scriptStarted) / 1000)} s so far`,
  );
  console.log(formatReport(result, { seed, baseUrl, serverErrors, brief: args.brief }));
  const failed =
    result.violations.length + result.findings.length + result.coverage.length + result.harnessErrors.length;
  console.log(
    failed
      ? `\nFUZZ FAILED: ${result.violations.length} violations, ${result.findings.length} book findings, ` +
          `${result.coverage.length} coverage problems, ${result.harnessErrors.length} harness errors (seed ${seed})`
      : `\nFUZZ PASSED (seed ${seed})`,
  );
  exitCode = failed ? 1 : 0;
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await cleanUp().catch((err: unknown) => console.error('fuzz: clean-up failed', err));
}
process.exit(exitCode);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: p } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return p;
}
