// Where the web processes' CPU goes under draws (ROUTE=draw, the default) or GET …/me (ROUTE=me),
// sampled on the CPU by Linux perf (cpu-clock) rather than by V8's profiler: V8 samples wall time,
// so a write that wakes PostgreSQL or Redis on a busy two-core machine looks many times its cost.
// The production build runs with --perf-basic-prof-only-functions (JIT frames named); after a
// warm-up (BENCH_WARMUP_SECONDS, default 20), perf records both web processes for BENCH_SECONDS
// (default 6) under autocannon with 100 connections. Each sample is put in one group by its
// innermost frame, and V8's own threads by what they do (diagnostic, not a benchmark):
//   PROFILE <route> <group>=<share of the web processes' CPU samples> …
//   PROFILE_TOP <route> the JS functions with the most samples, their own time
// PERF_PROCESSES=postgres (or redis) records the PostgreSQL backends (or Redis) instead, with DWARF
// call graphs (Debian's builds have no frame pointers), and prints the share of their samples
// inside each stage of their work:
//   PROFILE_POSTGRES <route> <stage>=<share> …   (a sample counts in every stage it is inside)
//   PROFILE_POSTGRES_TOP <route> the innermost functions with the most samples
// Needs `perf` (Debian: linux-perf). NEXT_SERVER_MINIFY=0 builds lib's names into the profile.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  applyBenchEnvironment,
  benchUserTokens,
  buildIfStale,
  cleanUpBench,
  createBenchActivity,
  processTable,
  startServerAndWorkers,
  userApiLoad,
} from './lib/harness';
import { groupOf, POSTGRES_STAGES, REDIS_STAGES, stagesOf, type Stages } from './lib/perf-groups';

applyBenchEnvironment();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUTE = process.env.ROUTE === 'me' ? 'me' : 'draw';
/** Other servers perf-http can record instead of the web processes: their process name and stages. */
const SERVERS: Record<string, { comm: string; stages: Stages }> = {
  postgres: { comm: 'postgres', stages: POSTGRES_STAGES },
  redis: { comm: 'redis-server', stages: REDIS_STAGES },
};
const SERVER = process.env.PERF_PROCESSES ? SERVERS[process.env.PERF_PROCESSES] : undefined;
if (process.env.PERF_PROCESSES && !SERVER)
  throw new Error(`PERF_PROCESSES is one of ${Object.keys(SERVERS).join(', ')}`);
/** As bench:http: V8 is still optimizing this server's functions for many seconds. */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 20);

/** The web processes: the server.ts supervisor's children. */
function childrenOf(pid: number): number[] {
  return [...processTable()].filter(([, p]) => p.ppid === pid).map(([child]) => child);
}

/** perf script's samples: each a block of frames, innermost first. */
function samplesOf(script: string): string[][] {
  return script
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .filter((frames) => frames.length > 0);
}

const shareOf = (n: number, total: number) => `${((100 * n) / total).toFixed(1)}%`;

function summarizeServer(script: string, name: string, stageList: Stages) {
  const samples = samplesOf(script);
  const stages = new Map<string, number>(stageList.map(([stage]) => [stage, 0]));
  const leaves = new Map<string, number>();
  for (const frames of samples) {
    for (const stage of stagesOf(stageList, frames)) stages.set(stage, stages.get(stage)! + 1);
    const leaf = frames[0]!.replace(/^\S+\s+/, '');
    leaves.set(leaf, (leaves.get(leaf) ?? 0) + 1);
  }
  const total = samples.length;
  console.log(
    `PROFILE_${name.toUpperCase()} ${ROUTE} samples=${total} ${[...stages].map(([g, n]) => `${g}=${shareOf(n, total)}`).join(' ')}`,
  );
  for (const [leaf, n] of [...leaves].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`PROFILE_${name.toUpperCase()}_TOP ${ROUTE} ${shareOf(n, total)} ${leaf}`);
}

function summarize(script: string) {
  const samples = samplesOf(script);
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const frames of samples) {
    const group = groupOf(frames);
    groups.set(group, (groups.get(group) ?? 0) + 1);
    const js = frames.find((f) => f.includes(' JS:'));
    if (js && group !== 'kernel' && group !== 'gc') {
      const name = js
        .slice(js.indexOf(' JS:') + 4)
        .replace(/^[*~^]/, '')
        .replace(/ \(.*$/, '');
      functions.set(name, (functions.get(name) ?? 0) + 1);
    }
  }
  const total = samples.length;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  console.log(
    `PROFILE ${ROUTE} samples=${total} ${sorted(groups)
      .map(([g, n]) => `${g}=${shareOf(n, total)}`)
      .join(' ')}`,
  );
  for (const [name, n] of sorted(functions).slice(0, 15))
    console.log(`PROFILE_TOP ${ROUTE} ${shareOf(n, total)} ${name}`);
}

async function main() {
  if (spawnSync('perf', ['--version']).status !== 0) throw new Error('perf is not installed (Debian: linux-perf)');
  const { tenant, activity } = await createBenchActivity([0.01, 0.05, 0.2]);
  buildIfStale();
  const { serverPid } = await startServerAndWorkers({ serverNodeArgs: ['--perf-basic-prof-only-functions'] });
  const web = childrenOf(serverPid);
  // Every backend of the cluster, connected by now (the pools open at start): the server's and the workers'.
  const calls = userApiLoad(activity.id, await benchUserTokens(tenant, 2000, 'p'), 100);
  const load = ROUTE === 'draw' ? calls.draws : calls.me;
  await load(WARMUP_SECONDS);
  const data = path.join(tmpdir(), `perf-http-${process.pid}.data`);
  const graph = SERVER ? ['-F', '499', '--call-graph', 'dwarf,16384'] : ['-F', '1999', '-g'];
  // Every process of that server (PostgreSQL's backends for the server's pools and the workers' are open by now).
  const pids = SERVER ? [...processTable()].filter(([, p]) => p.comm === SERVER.comm).map(([pid]) => pid) : web;
  const args = ['record', '-q', '-e', 'cpu-clock', ...graph, '-o', data, '-p', pids.join(',')];
  const perf = spawn('perf', [...args, '--', 'sleep', String(SECONDS)], { stdio: 'inherit' });
  const loaded = await load(SECONDS + 1);
  await new Promise((resolve) => perf.once('exit', resolve));
  console.log(`${ROUTE}: ${loaded.requests.average.toFixed(0)} requests/s under perf, non-2xx ${loaded.non2xx}`);
  await cleanUpBench();
  const script = spawnSync('perf', ['script', '-i', data, '-F', 'ip,sym,dso'], { maxBuffer: 1 << 30 });
  rmSync(data, { force: true });
  for (const pid of web) rmSync(path.join(tmpdir(), `perf-${pid}.map`), { force: true });
  if (SERVER) summarizeServer(script.stdout.toString(), process.env.PERF_PROCESSES!, SERVER.stages);
  else summarize(script.stdout.toString());
}
main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
