// npm run bench:http — what a user feels of the draw engine over HTTP, on the production server
// (server.ts: WEB_CONCURRENCY processes, the hot lane), measured in one run against a plain
// node:http JSON server with as many processes, the same load generator and connections.
//   BASELINE node_http_rps          the plain server's requests/s, before and after the rest
//   RATIO http_draw_vs_node_http    draws/s at full load ÷ the baseline (goal ≥ 0.12)
//   RATIO me_vs_node_http           GET …/me requests/s ÷ the baseline (goal ≥ 0.15)
//   RATIO trivial_next_vs_node_http a trivial route through Next's router ÷ the baseline
//   BASELINE engine_in_process_draws_per_s  the draw engine called in this process (ENGINE_IN_FLIGHT,
//     default 500, draws in flight; no HTTP), run alone; RATIO http_draw_vs_engine: what the door keeps of it
//   LATENCY draw_p50_ms, draw_p99_ms  at 80 % of the measured maximum draws/s (goal p99 ≤ 50)
//   CPU draw_us_total and per process group: web, postgres, redis, workers, and the load generator
//     (PostgreSQL and Redis are shared with whatever else runs on the machine); CPU me_us_total, the
//     same per GET …/me
// BENCH_PORT (default 3300), BENCH_SECONDS (per measured phase, default 6), BENCH_CONNECTIONS
// (default 100), WEB_CONCURRENCY (default: cores).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  applyBenchEnvironment,
  autocannon,
  baseUrl,
  buildIfStale,
  checked,
  cleanUpBench,
  closedLoop,
  createBenchActivity,
  port,
  startServerAndWorkers,
  stopChildren,
} from './lib/harness';

applyBenchEnvironment();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const PROCESSES = Number(process.env.WEB_CONCURRENCY || availableParallelism());
const ENGINE_IN_FLIGHT = Number(process.env.ENGINE_IN_FLIGHT ?? 500);
process.env.WEB_CONCURRENCY = String(PROCESSES);

/** Requests/s of the plain node:http JSON server, started and stopped around the measurement. */
async function plainNodeHttp(): Promise<number> {
  const plainPort = port + 1;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/lib/plain-json-server.ts', String(plainPort), String(PROCESSES)],
    { stdio: 'ignore' },
  );
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`http://127.0.0.1:${plainPort}/`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 100) throw new Error('the plain node:http server did not start');
      await sleep(100);
    }
    const url = `http://127.0.0.1:${plainPort}/`;
    await autocannon({ url, connections: CONNECTIONS, duration: 1 });
    return checked('node:http', await autocannon({ url, connections: CONNECTIONS, duration: SECONDS })).requests
      .average;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** CPU seconds so far of each process group (Linux /proc; USER_HZ is 100). */
function cpuByGroup(serverPid: number, workersPid: number): Record<string, number> {
  const out: Record<string, number> = { web: 0, postgres: 0, redis: 0, workers: 0, loadgen: 0 };
  const stats = new Map<number, { ppid: number; comm: string; seconds: number }>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      stats.set(Number(pid), {
        ppid: Number(fields[1]),
        comm,
        seconds: (Number(fields[11]) + Number(fields[12])) / 100,
      });
    } catch {
      // gone meanwhile
    }
  }
  for (const [pid, s] of stats) {
    if (pid === serverPid || s.ppid === serverPid) out.web! += s.seconds;
    else if (pid === workersPid || s.ppid === workersPid) out.workers! += s.seconds;
    else if (pid === process.pid) out.loadgen! += s.seconds;
    else if (s.comm === 'postgres') out.postgres! += s.seconds;
    else if (s.comm.startsWith('redis-server')) out.redis! += s.seconds;
  }
  return out;
}

async function main() {
  try {
    const { db } = await import('../lib/db');
    const { mintUserToken } = await import('../lib/auth/user-token');
    const { tenant, activity } = await createBenchActivity([0.01, 0.05, 0.2]);
    buildIfStale();
    const baselineBefore = await plainNodeHttp();
    const { serverPid, workersPid } = await startServerAndWorkers();
    const secret = (await db.tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { userTokenSecret: true } }))
      .userTokenSecret;
    const users = 2000;
    const tokens = await Promise.all(
      Array.from({ length: users }, (_, i) =>
        mintUserToken(secret, { tenantSlug: tenant.slug, userId: `h-${i}` }, 3600),
      ),
    );
    let n = 0;
    const asUser =
      (extra: Record<string, string> = {}) =>
      (req: { headers: Record<string, string> }) => ({
        ...req,
        headers: { ...req.headers, authorization: `Bearer ${tokens[n++ % users]}`, ...extra },
      });
    const draws = (duration: number, more: Record<string, unknown> = {}) =>
      autocannon({
        url: `${baseUrl}/api/v1/activities/${activity.id}/draws`,
        connections: CONNECTIONS,
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
      });
    const me = (duration: number) =>
      autocannon({
        url: `${baseUrl}/api/v1/activities/${activity.id}/me`,
        connections: CONNECTIONS,
        duration,
        requests: [{ method: 'GET', setupRequest: asUser() }],
      });
    const trivialUrl = `${baseUrl}/api/health/live`;

    // Warm every path (JIT, pools, caches) before anything counts.
    await draws(3);
    await me(2);
    await autocannon({ url: trivialUrl, connections: CONNECTIONS, duration: 2 });

    const trivial = checked(
      'trivial',
      await autocannon({ url: trivialUrl, connections: CONNECTIONS, duration: SECONDS }),
    );
    const cpuBefore = cpuByGroup(serverPid, workersPid);
    const full = checked('draws', await draws(SECONDS));
    const cpuAfter = cpuByGroup(serverPid, workersPid);
    const mine = checked('me', await me(SECONDS));
    const cpuAfterMe = cpuByGroup(serverPid, workersPid);
    const rate = Math.floor(full.requests.average * 0.8);
    const paced = checked('paced draws', await draws(SECONDS, { overallRate: rate }));
    // What the group commit's linger costs: the same paced load on a server that never lingers.
    stopChildren();
    while (
      await fetch(`${baseUrl}/api/health/live`).then(
        () => true,
        () => false,
      )
    )
      await sleep(250);
    process.env.DRAW_COMMIT_LINGER_MS = '0';
    await startServerAndWorkers();
    await draws(3, { overallRate: rate });
    const eager = checked('paced draws, no linger', await draws(SECONDS, { overallRate: rate }));
    stopChildren();
    await sleep(2_000);
    const baselineAfter = await plainNodeHttp();
    // The engine without the door: the same draws called in this process, nothing else running.
    const { executeDraw } = await import('../lib/draw/execute-draw');
    const engineUser = (i: number) => ({ tenantId: tenant.id, tenantSlug: tenant.slug, userId: `e-${i % users}` });
    const engineLoop = () =>
      closedLoop(ENGINE_IN_FLIGHT, SECONDS, (i) => executeDraw(engineUser(i), activity.id, randomUUID()));
    await closedLoop(ENGINE_IN_FLIGHT, 2, (i) => executeDraw(engineUser(i), activity.id, randomUUID()));
    const engine = await engineLoop();

    const baseline = (baselineBefore + baselineAfter) / 2;
    const f = (x: number, d = 0) => x.toFixed(d);
    const say = (...parts: string[]) => console.log(parts.join(' '));
    const [draw, meRps, trivialRps] = [full.requests.average, mine.requests.average, trivial.requests.average];
    say(
      `BASELINE node_http_rps=${f(baseline)}`,
      `(before ${f(baselineBefore)}, after ${f(baselineAfter)};`,
      `${PROCESSES} processes, ${CONNECTIONS} connections)`,
    );
    say(`BASELINE trivial_next_rps=${f(trivialRps)} http_draw_rps=${f(draw)} me_rps=${f(meRps)}`);
    say(`BASELINE engine_in_process_draws_per_s=${f(engine.perSecond)} (${ENGINE_IN_FLIGHT} in flight, no HTTP)`);
    say(`RATIO http_draw_vs_node_http=${f(draw / baseline, 3)} (goal >= 0.12)`);
    say(`RATIO http_draw_vs_engine=${f(draw / engine.perSecond, 3)}`);
    say(`RATIO me_vs_node_http=${f(meRps / baseline, 3)} (goal >= 0.15)`);
    say(`RATIO trivial_next_vs_node_http=${f(trivialRps / baseline, 3)}`);
    say(
      `LATENCY draw_p50_ms=${paced.latency.p50} draw_p99_ms=${paced.latency.p99}`,
      `at ${f(paced.requests.average)} draws/s (80 % of ${f(draw)}; goal p99 <= 50)`,
    );
    say(
      `LATENCY draw_no_linger_p50_ms=${eager.latency.p50} draw_no_linger_p99_ms=${eager.latency.p99}`,
      `at ${f(eager.requests.average)} draws/s (DRAW_COMMIT_LINGER_MS=0, same rate)`,
    );
    const cpuLine = (name: string, before: Record<string, number>, after: Record<string, number>, count: number) => {
      const us = (k: string) => ((after[k]! - before[k]!) / count) * 1e6;
      const total = ['web', 'postgres', 'redis', 'workers'].reduce((s, k) => s + us(k), 0);
      say(
        `CPU ${name}_us_total=${f(total)} web=${f(us('web'))} postgres=${f(us('postgres'))} redis=${f(us('redis'))}`,
        `workers=${f(us('workers'))} (load generator ${f(us('loadgen'))}, not counted)`,
      );
    };
    cpuLine('draw', cpuBefore, cpuAfter, full.requests.total);
    cpuLine('me', cpuAfter, cpuAfterMe, mine.requests.total);
  } finally {
    await cleanUpBench();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
