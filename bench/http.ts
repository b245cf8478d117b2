// npm run bench:http — what a user feels of the draw engine over HTTP, on the production server
// (server.ts: WEB_CONCURRENCY processes, the hot lane), measured in one run against a plain
// node:http JSON server with as many processes, the same load generator and connections. Both
// servers run side by side, and the measurements alternate: the plain server, draws, GET …/me, the
// plain server again, BENCH_ROUNDS times (default 3). Each round's figure is compared with the plain
// server's just before and just after it, and a ratio is the median of the rounds', so the host
// slowing down for a minute moves one round, not the figure.
//   BASELINE node_http_rps          the plain server's requests/s, the median of its measurements
//   RATIO http_draw_vs_node_http    draws/s at full load ÷ the plain server's (goal ≥ 0.12)
//   RATIO me_vs_node_http           GET …/me requests/s ÷ the plain server's (goal ≥ 0.15), for users
//                                   of BENCH_ME_USER_DRAWS (default 5) draws each: the answer lists
//                                   the user's wins, so it costs more for a user who has drawn more
//   RATIO trivial_next_vs_node_http a trivial route through Next's router ÷ the baseline
//   BASELINE engine_in_process_draws_per_s  the draw engine called in this process (ENGINE_IN_FLIGHT,
//     default 500, draws in flight; no HTTP), run alone; RATIO http_draw_vs_engine: what the door keeps of it
//   LATENCY draw_p50_ms, draw_p99_ms  at 80 % of the measured maximum draws/s (goal p99 ≤ 50)
//   CPU draw_us_total and per process group: web, postgres, redis, workers, and the load generator
//     (PostgreSQL and Redis are shared with whatever else runs on the machine), over every round's
//     draws; CPU me_us_total, the same per GET …/me
//   CPU draw_machine_busy, the share of the machine's cores busy while draws ran at full load (and
//     the plain server's, for comparison): below 1, the draws wait on something other than CPU
//   CPU steal_*, the share of the cores' time a virtual machine's host gave to other work while draws
//     ran at full load, the plain server ran, and the paced draws ran: latency suffers from it first
//   CPU draw_gzip_client_us_total, the same per draw from a client that accepts gzip, as every
//     browser does (each round draws as such a client too, after GET …/me); RATIO
//     draw_gzip_client_vs_draw_web_cpu, its web CPU per draw ÷ the draws' (1: gzip costs nothing)
// A server that has run for a while is measured, not one still compiling: draws for
// BENCH_WARMUP_SECONDS (default 60) and GET …/me for half that go first.
// BENCH_PORT (default 3300; the plain server takes the next), BENCH_SECONDS (per measured phase,
// default 6), BENCH_ROUNDS, BENCH_CONNECTIONS (default 100), WEB_CONCURRENCY (default: cores).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  applyBenchEnvironment,
  benchUserTokens,
  autocannon,
  baseUrl,
  buildIfStale,
  checked,
  cleanUpBench,
  closedLoop,
  createBenchActivity,
  machineCpu,
  port,
  processTable,
  secondsByGroup,
  startServerAndWorkers,
  stopChildren,
  userApiLoad,
} from './lib/harness';

applyBenchEnvironment();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 60);
const PROCESSES = Number(process.env.WEB_CONCURRENCY || availableParallelism());
const ENGINE_IN_FLIGHT = Number(process.env.ENGINE_IN_FLIGHT ?? 500);
/** Draws made by each user whose GET …/me is measured: a player's few. */
const ME_USER_DRAWS = Number(process.env.BENCH_ME_USER_DRAWS ?? 5);
/** What Chromium's fetch sends. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';
process.env.WEB_CONCURRENCY = String(PROCESSES);

/** The plain node:http JSON server, started beside the server under test; `measure` gives its requests/s. */
async function startPlainNodeHttp() {
  const plainPort = port + 1;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/lib/plain-json-server.ts', String(plainPort), String(PROCESSES)],
    { stdio: 'ignore' },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  const url = `http://127.0.0.1:${plainPort}/`;
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(url).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 100) throw new Error('the plain node:http server did not start');
      await sleep(100);
    }
    await autocannon({ url, connections: CONNECTIONS, duration: 1 });
  } catch (err) {
    await stop();
    throw err;
  }
  const busy = noBusy();
  const measure = async () => {
    const before = machineCpu();
    const result = checked('node:http', await autocannon({ url, connections: CONNECTIONS, duration: SECONDS }));
    addBusy(busy, before, machineCpu());
    return result.requests.average;
  };
  return { measure, stop, busy };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

type Busy = ReturnType<typeof machineCpu>;
const noBusy = (): Busy => ({ busy: 0, all: 0, steal: 0 });
const addBusy = (into: Busy, before: Busy, after: Busy) => {
  into.busy += after.busy - before.busy;
  into.all += after.all - before.all;
  into.steal += after.steal - before.steal;
};

/** CPU seconds so far of each process group, its exited processes included. */
function cpuByGroup(serverPid: number, workersPid: number): Record<string, number> {
  const groups = { web: 0, postgres: 0, redis: 0, workers: 0, loadgen: 0 };
  const seconds = secondsByGroup(processTable(), (pid, s) => {
    if (pid === serverPid || s.ppid === serverPid) return 'web';
    if (pid === workersPid || s.ppid === workersPid) return 'workers';
    if (pid === process.pid) return 'loadgen';
    if (s.comm === 'postgres') return 'postgres';
    return s.comm.startsWith('redis-server') ? 'redis' : null;
  });
  return { ...groups, ...seconds };
}

async function main() {
  let plain: Awaited<ReturnType<typeof startPlainNodeHttp>> | undefined;
  try {
    const { tenant, activity } = await createBenchActivity([0.01, 0.05, 0.2]);
    buildIfStale();
    plain = await startPlainNodeHttp();
    const { serverPid, workersPid } = await startServerAndWorkers();
    const users = 2000;
    const tokens = await benchUserTokens(tenant, users, 'h');
    const { draws } = userApiLoad(activity.id, tokens, CONNECTIONS);
    // GET …/me's users have made ME_USER_DRAWS draws each, and no more: its answer lists a user's
    // wins, and users who draw in every round would make it longer round by round.
    const meUsers = userApiLoad(activity.id, await benchUserTokens(tenant, users, 'hm'), CONNECTIONS);
    checked('draws of GET …/me users', await meUsers.draws(0, { amount: users * ME_USER_DRAWS }));
    const { me } = meUsers;
    // Users of their own: the wins they add would lengthen the answers of GET …/me.
    const gzipClient = userApiLoad(activity.id, await benchUserTokens(tenant, users, 'hz'), CONNECTIONS);
    const trivialUrl = `${baseUrl}/api/health/live`;

    // Warm every path (JIT, pools, caches) before anything counts. V8 takes long to settle on a
    // server this size: after 15 s of draws it still optimized about 75 functions per process every
    // 10 s, and its compiler threads took 9 % of the web processes' CPU after 4 s, 4 % after 25 s.
    // After 20 s of draws the rounds' draw ratios still rose round by round in most runs, so the
    // warm-up is 60 s; the host's own drift can still make a run's rounds rise or fall.
    await draws(WARMUP_SECONDS);
    await me(WARMUP_SECONDS / 2);
    await autocannon({ url: trivialUrl, connections: CONNECTIONS, duration: 2 });

    const trivial = checked(
      'trivial',
      await autocannon({ url: trivialUrl, connections: CONNECTIONS, duration: SECONDS }),
    );
    // Rounds: the plain server, draws, GET …/me; the plain server once more at the end.
    const plainRps = [await plain.measure()];
    const drawRps: number[] = [];
    const meRps: number[] = [];
    const cpuDraws: Record<string, number> = {};
    const cpuMe: Record<string, number> = {};
    const cpuZipped: Record<string, number> = {};
    const zippedRps: number[] = [];
    let zippedMade = 0;
    const add = (into: Record<string, number>, before: Record<string, number>, after: Record<string, number>) => {
      for (const k of Object.keys(after)) into[k] = (into[k] ?? 0) + after[k]! - before[k]!;
    };
    let drawsMade = 0;
    let meCalls = 0;
    const drawsBusy = noBusy();
    for (let round = 1; round <= ROUNDS; round++) {
      const before = cpuByGroup(serverPid, workersPid);
      const machineBefore = machineCpu();
      const full = checked('draws', await draws(SECONDS));
      addBusy(drawsBusy, machineBefore, machineCpu());
      const afterDraws = cpuByGroup(serverPid, workersPid);
      const mine = checked('me', await me(SECONDS));
      const afterMe = cpuByGroup(serverPid, workersPid);
      const zipped = checked(
        'draws, client accepts gzip',
        await gzipClient.draws(SECONDS, { headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING } }),
      );
      add(cpuDraws, before, afterDraws);
      add(cpuMe, afterDraws, afterMe);
      add(cpuZipped, afterMe, cpuByGroup(serverPid, workersPid));
      zippedMade += zipped.requests.total;
      zippedRps.push(zipped.requests.average);
      drawsMade += full.requests.total;
      meCalls += mine.requests.total;
      drawRps.push(full.requests.average);
      meRps.push(mine.requests.average);
      // The workers' follow-up of a burst (draining, aggregating) is over before the plain server's turn.
      await sleep(1_000);
      plainRps.push(await plain.measure());
      const around = (plainRps[round - 1]! + plainRps[round]!) / 2;
      console.log(
        `round ${round}: node:http ${plainRps[round - 1]!.toFixed(0)} then ${plainRps[round]!.toFixed(0)} req/s;`,
        `draws ${drawRps.at(-1)!.toFixed(0)}/s (${(drawRps.at(-1)! / around).toFixed(3)}),`,
        `me ${meRps.at(-1)!.toFixed(0)}/s (${(meRps.at(-1)! / around).toFixed(3)}),`,
        `draws accepting gzip ${zippedRps.at(-1)!.toFixed(0)}/s`,
      );
    }
    await plain.stop();
    const roundRatios = (rps: number[]) => rps.map((x, i) => x / ((plainRps[i]! + plainRps[i + 1]!) / 2));
    const rate = Math.floor(median(drawRps) * 0.8);
    const pacedBusy = noBusy();
    const pacedBefore = machineCpu();
    const paced = checked('paced draws', await draws(SECONDS, { overallRate: rate }));
    addBusy(pacedBusy, pacedBefore, machineCpu());
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
    await draws(WARMUP_SECONDS, { overallRate: rate });
    const eager = checked('paced draws, no linger', await draws(SECONDS, { overallRate: rate }));
    stopChildren();
    await sleep(2_000);
    // The engine without the door: the same draws called in this process, nothing else running.
    const { executeDraw } = await import('../lib/draw/execute-draw');
    const engineUser = (i: number) => ({ tenantId: tenant.id, tenantSlug: tenant.slug, userId: `e-${i % users}` });
    const engineLoop = () =>
      closedLoop(ENGINE_IN_FLIGHT, SECONDS, (i) => executeDraw(engineUser(i), activity.id, randomUUID()));
    await closedLoop(ENGINE_IN_FLIGHT, 2, (i) => executeDraw(engineUser(i), activity.id, randomUUID()));
    const engine = await engineLoop();

    const baseline = median(plainRps);
    const f = (x: number, d = 0) => x.toFixed(d);
    const say = (...parts: string[]) => console.log(parts.join(' '));
    const [draw, meRate, trivialRps] = [median(drawRps), median(meRps), trivial.requests.average];
    say(
      `BASELINE node_http_rps=${f(baseline)}`,
      `(median of ${plainRps.map((x) => f(x)).join(', ')};`,
      `${PROCESSES} processes, ${CONNECTIONS} connections)`,
    );
    say(
      `BASELINE trivial_next_rps=${f(trivialRps)} http_draw_rps=${f(draw)} me_rps=${f(meRate)}`,
      `http_draw_gzip_client_rps=${f(median(zippedRps))} (medians of ${ROUNDS} rounds)`,
    );
    say(`BASELINE engine_in_process_draws_per_s=${f(engine.perSecond)} (${ENGINE_IN_FLIGHT} in flight, no HTTP)`);
    say(`RATIO http_draw_vs_node_http=${f(median(roundRatios(drawRps)), 3)} (goal >= 0.12)`);
    say(`RATIO http_draw_vs_engine=${f(draw / engine.perSecond, 3)}`);
    say(`RATIO me_vs_node_http=${f(median(roundRatios(meRps)), 3)} (goal >= 0.15)`);
    say(`RATIO trivial_next_vs_node_http=${f(trivialRps / baseline, 3)}`);
    say(
      `LATENCY draw_p50_ms=${paced.latency.p50} draw_p99_ms=${paced.latency.p99}`,
      `at ${f(paced.requests.average)} draws/s (80 % of ${f(draw)}; goal p99 <= 50)`,
    );
    say(
      `LATENCY draw_no_linger_p50_ms=${eager.latency.p50} draw_no_linger_p99_ms=${eager.latency.p99}`,
      `at ${f(eager.requests.average)} draws/s (DRAW_COMMIT_LINGER_MS=0, same rate)`,
    );
    const cpuLine = (name: string, used: Record<string, number>, count: number) => {
      const us = (k: string) => (used[k]! / count) * 1e6;
      const total = ['web', 'postgres', 'redis', 'workers'].reduce((s, k) => s + us(k), 0);
      say(
        `CPU ${name}_us_total=${f(total)} web=${f(us('web'))} postgres=${f(us('postgres'))} redis=${f(us('redis'))}`,
        `workers=${f(us('workers'))} (load generator ${f(us('loadgen'))}, not counted)`,
      );
    };
    cpuLine('draw', cpuDraws, drawsMade);
    cpuLine('me', cpuMe, meCalls);
    cpuLine('draw_gzip_client', cpuZipped, zippedMade);
    say(
      `CPU draw_machine_busy=${f(drawsBusy.busy / drawsBusy.all, 2)}`,
      `node_http_machine_busy=${f(plain.busy.busy / plain.busy.all, 2)}`,
      '(share of all cores busy while each ran at full load)',
    );
    const stolen = (b: Busy) => f(b.steal / b.all, 2);
    say(
      `CPU steal_draws=${stolen(drawsBusy)} steal_node_http=${stolen(plain.busy)} steal_paced_draws=${stolen(pacedBusy)}`,
      "(share of all cores' time the host took for other work while each ran; counted as busy above)",
    );
    const webPer = (used: Record<string, number>, count: number) => used.web! / count;
    say(
      `RATIO draw_gzip_client_vs_draw_web_cpu=${f(webPer(cpuZipped, zippedMade) / webPer(cpuDraws, drawsMade), 2)}`,
      '(web CPU per draw, client accepting gzip ÷ client asking for no encoding; 1 = gzip costs nothing)',
    );
  } finally {
    await plain?.stop();
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
