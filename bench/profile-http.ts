// Where does an HTTP draw's time go in the web process? The production server started with
// --cpu-prof, the draw route (or, with ROUTE=me, GET …/me; with ROUTE=trivial, the trivial route)
// under autocannon (diagnostic, not a benchmark). NEXT_SERVER_MINIFY=0 builds the server code with
// its names kept, so the profile names lib's functions (the next bench rebuilds the usual way).
// Profiles land in PROFILE_DIR (default /tmp/lottery-prof).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  applyBenchEnvironment,
  baseUrl,
  buildIfStale,
  cleanUpBench,
  createBenchActivity,
  startServerAndWorkers,
} from './lib/harness';

applyBenchEnvironment();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const dir = process.env.PROFILE_DIR ?? '/tmp/lottery-prof';
type AutocannonResult = { requests: { average: number }; non2xx: number };
const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: Record<string, unknown>,
) => Promise<AutocannonResult>;

async function main() {
  const { db } = await import('../lib/db');
  const { mintUserToken } = await import('../lib/auth/user-token');
  const { tenant, activity } = await createBenchActivity([0.01, 0.05, 0.2]);
  buildIfStale();
  await startServerAndWorkers({ serverNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  const secret = (await db.tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { userTokenSecret: true } }))
    .userTokenSecret;
  const tokens = await Promise.all(
    Array.from({ length: 2000 }, (_, i) => mintUserToken(secret, { tenantSlug: tenant.slug, userId: `p-${i}` }, 3600)),
  );
  let n = 0;
  const mode = process.env.ROUTE ?? 'draw';
  const r =
    mode === 'draw'
      ? await autocannon({
          url: `${baseUrl}/api/v1/activities/${activity.id}/draws`,
          connections: 50,
          duration: SECONDS,
          method: 'POST',
          requests: [
            {
              method: 'POST',
              setupRequest: (req: { headers: Record<string, string> }) => ({
                ...req,
                headers: {
                  ...req.headers,
                  authorization: `Bearer ${tokens[n++ % 2000]}`,
                  'idempotency-key': randomUUID(),
                },
              }),
            },
          ],
        })
      : mode === 'me'
        ? await autocannon({
            url: `${baseUrl}/api/v1/activities/${activity.id}/me`,
            connections: 50,
            duration: SECONDS,
            requests: [
              {
                method: 'GET',
                setupRequest: (req: { headers: Record<string, string> }) => ({
                  ...req,
                  headers: { ...req.headers, authorization: `Bearer ${tokens[n++ % 2000]}` },
                }),
              },
            ],
          })
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
