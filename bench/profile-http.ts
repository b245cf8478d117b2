// Where does an HTTP draw's time go in the web process? The production server started with
// --cpu-prof, the draw route (or, with ROUTE=me, GET …/me; with ROUTE=trivial, the trivial route)
// under autocannon (diagnostic, not a benchmark). NEXT_SERVER_MINIFY=0 builds the server code with
// its names kept, so the profile names lib's functions (the next bench rebuilds the usual way).
// Profiles land in PROFILE_DIR (default /tmp/lottery-prof).
import {
  applyBenchEnvironment,
  autocannon,
  benchUserTokens,
  baseUrl,
  buildIfStale,
  cleanUpBench,
  createBenchActivity,
  startServerAndWorkers,
  userApiLoad,
} from './lib/harness';

applyBenchEnvironment();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const dir = process.env.PROFILE_DIR ?? '/tmp/lottery-prof';

async function main() {
  const { tenant, activity } = await createBenchActivity([0.01, 0.05, 0.2]);
  buildIfStale();
  await startServerAndWorkers({ serverNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  const calls = userApiLoad(activity.id, await benchUserTokens(tenant, 2000, 'p'), 50);
  const mode = process.env.ROUTE ?? 'draw';
  const r =
    mode === 'draw'
      ? await calls.draws(SECONDS)
      : mode === 'me'
        ? await calls.me(SECONDS)
        : await autocannon({ url: `${baseUrl}/api/health/live`, connections: 50, duration: SECONDS });
  console.log(`${mode}: ${r.requests.average.toFixed(0)} req/s, non-2xx ${r.non2xx}`);
  // cleanUpBench stops the server (SIGTERM: it exits cleanly and writes its profile).
  await cleanUpBench();
}
main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
