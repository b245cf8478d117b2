// Where the web processes' CPU goes under draws (ROUTE=draw, the default) or GET …/me (ROUTE=me),
// sampled on the CPU by Linux perf (cpu-clock) rather than by V8's profiler: V8 samples wall time,
// so a write that wakes PostgreSQL or Redis on a busy two-core machine looks many times its cost.
// The production build runs with --perf-basic-prof-only-functions (JIT frames named); after a
// warm-up (BENCH_WARMUP_SECONDS, default 20), perf records both web processes for BENCH_SECONDS
// (default 6) under autocannon with 100 connections. Each sample is put in one group by its
// innermost frame, and V8's own threads by what they do (diagnostic, not a benchmark):
//   PROFILE <route> <group>=<share of the web processes' CPU samples> …
//   PROFILE_TOP <route> the JS functions with the most samples, their own time
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
import { groupOf } from './lib/perf-groups';

applyBenchEnvironment();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUTE = process.env.ROUTE === 'me' ? 'me' : 'draw';
/** As bench:http: V8 is still optimizing this server's functions for many seconds. */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 20);

/** The web processes: the server.ts supervisor's children. */
function childrenOf(pid: number): number[] {
  return [...processTable()].filter(([, p]) => p.ppid === pid).map(([child]) => child);
}

function summarize(script: string) {
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  let samples = 0;
  for (const block of script.split(/\n\s*\n/)) {
    const frames = block
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (frames.length === 0) continue;
    samples++;
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
  const share = (n: number) => `${((100 * n) / samples).toFixed(1)}%`;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  console.log(
    `PROFILE ${ROUTE} samples=${samples} ${sorted(groups)
      .map(([g, n]) => `${g}=${share(n)}`)
      .join(' ')}`,
  );
  for (const [name, n] of sorted(functions).slice(0, 15)) console.log(`PROFILE_TOP ${ROUTE} ${share(n)} ${name}`);
}

async function main() {
  if (spawnSync('perf', ['--version']).status !== 0) throw new Error('perf is not installed (Debian: linux-perf)');
  const { tenant, activity } = await createBenchActivity([0.01, 0.05, 0.2]);
  buildIfStale();
  const { serverPid } = await startServerAndWorkers({ serverNodeArgs: ['--perf-basic-prof-only-functions'] });
  const web = childrenOf(serverPid);
  const calls = userApiLoad(activity.id, await benchUserTokens(tenant, 2000, 'p'), 100);
  const load = ROUTE === 'draw' ? calls.draws : calls.me;
  await load(WARMUP_SECONDS);
  const data = path.join(tmpdir(), `perf-http-${process.pid}.data`);
  const args = ['record', '-q', '-e', 'cpu-clock', '-F', '1999', '-g', '-o', data, '-p', web.join(',')];
  const perf = spawn('perf', [...args, '--', 'sleep', String(SECONDS)], { stdio: 'inherit' });
  const loaded = await load(SECONDS + 1);
  await new Promise((resolve) => perf.once('exit', resolve));
  console.log(`${ROUTE}: ${loaded.requests.average.toFixed(0)} requests/s under perf, non-2xx ${loaded.non2xx}`);
  await cleanUpBench();
  const script = spawnSync('perf', ['script', '-i', data, '-F', 'ip,sym,dso'], { maxBuffer: 1 << 30 });
  rmSync(data, { force: true });
  for (const pid of web) rmSync(path.join(tmpdir(), `perf-${pid}.map`), { force: true });
  summarize(script.stdout.toString());
}
main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
