// npm run bench:fairness — what deriving the draw's number from a committed seed costs, A/B:
// two activities alike but for their seed, drawn in turn (A B, then B A, …) so the machine's
// drift touches both alike; each pair gives a ratio, the median of five is printed.
//   RATIO fair_vs_plain_draw       in-process draws/s (executeDraw, ENGINE_IN_FLIGHT in flight, as
//                                  bench:draw) of an activity whose hot state names a seed (r derived
//                                  by HMAC) ÷ of one that names none (r from crypto's random)
//   RATIO fair_vs_plain_http_draw  the same over HTTP (POST …/draws on the production server, as
//                                  bench:http, fewer connections and seconds)
//   RATIO fair_vs_plain_draw_cpu   this process's CPU per in-process draw, plain ÷ fair: what the
//                                  proof costs the process that draws, steadier than draws/s on a
//                                  machine shared with other work (both sides are drawn by this process)
// Goal ≥ 0.95 for both. BENCH_PORT (default 3300), BENCH_SECONDS (per in-process run, default 5),
// BENCH_HTTP_SECONDS (per HTTP run, default 4), BENCH_CONNECTIONS (default 50), BENCH_PAIRS (default 5).
import { randomUUID } from 'node:crypto';
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
  startServerAndWorkers,
  stopChildren,
} from './lib/harness';

applyBenchEnvironment();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ENGINE_IN_FLIGHT = Number(process.env.ENGINE_IN_FLIGHT ?? 500);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 5);
const USERS = 2_000;
const ODDS = [0.01, 0.05, 0.2];

type Side = 'fair' | 'plain';
type Pair = Record<Side, number>;
/** This process's CPU per draw of each in-process run, by pair (µs). */
const cpuPairs: Pair[] = [];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * `PAIRS` pairs of runs, the order swapped every pair; each run's figure and each pair's ratio.
 * One unmeasured run of each side first (pair -1): the first run after a start pays for JIT,
 * connection pools and the seed's first read, which would count against whichever side goes first.
 */
async function interleaved(run: (side: Side, pair: number) => Promise<number>): Promise<Pair[]> {
  await run('fair', -1);
  await run('plain', -1);
  const pairs: Pair[] = [];
  for (let p = 0; p < PAIRS; p++) {
    const order: Side[] = p % 2 ? ['plain', 'fair'] : ['fair', 'plain'];
    const pair = {} as Pair;
    for (const side of order) pair[side] = await run(side, p);
    pairs.push(pair);
  }
  return pairs;
}

function report(name: string, unit: string, pairs: Pair[]) {
  const ratios = pairs.map((p) => p.fair / p.plain);
  pairs.forEach((p, i) =>
    console.log(
      `${name} pair ${i + 1}: fair ${p.fair.toFixed(0)} ${unit}, plain ${p.plain.toFixed(0)} ${unit}, ratio ${ratios[i]!.toFixed(3)}`,
    ),
  );
  return median(ratios);
}

async function main() {
  const { db } = await import('../lib/db');
  const { createRedis } = await import('../lib/redis');
  const { executeDraw } = await import('../lib/draw/execute-draw');
  const { drawKeys } = await import('../lib/draw/keys');
  const { forgetActiveSeed } = await import('../lib/fairness/activity-seeds');
  const redis = createRedis('worker');
  try {
    const fair = await createBenchActivity(ODDS, undefined, { name: 'Bench fair' });
    // The other activity as one built before it had a seed: no seed row, a hot state naming none,
    // so its draws take crypto's random number (docs/fairness.md).
    const plain = await createBenchActivity(ODDS, `${fair.tenant.slug}-plain`, { name: 'Bench plain' });
    await db.activitySeed.deleteMany({ where: { activityId: plain.activity.id } });
    await redis.hset(drawKeys(plain.activity.id).cfg, 'seed', '');
    forgetActiveSeed(plain.activity.id);
    const sides = { fair, plain };

    buildIfStale();
    await startServerAndWorkers();

    // 1. In process: executeDraw at ENGINE_IN_FLIGHT draws in flight, as bench:draw measures it.
    const enginePairs = await interleaved(async (side, p) => {
      const { tenant, activity } = sides[side];
      const users = Array.from({ length: USERS }, (_, i) => ({
        tenantId: tenant.id,
        tenantSlug: tenant.slug,
        userId: `engine-${p}-${i}`,
      }));
      const cpu = process.cpuUsage();
      const run = await closedLoop(ENGINE_IN_FLIGHT, SECONDS, (i) =>
        executeDraw(users[i % USERS]!, activity.id, randomUUID()),
      );
      const { user, system } = process.cpuUsage(cpu);
      if (p >= 0) (cpuPairs[p] ??= {} as Pair)[side] = (user + system) / run.count;
      return run.perSecond;
    });

    // 2. Over HTTP, as bench:http draws: autocannon, a fresh key per request, USERS users per activity.
    const tokens = {} as Record<Side, string[]>;
    for (const side of ['fair', 'plain'] as const) {
      tokens[side] = await benchUserTokens(sides[side].tenant, USERS, 'http');
    }
    const httpPairs = await interleaved(async (side) => {
      let n = 0;
      const result = await autocannon({
        url: `${baseUrl}/api/v1/activities/${sides[side].activity.id}/draws`,
        connections: CONNECTIONS,
        duration: HTTP_SECONDS,
        method: 'POST',
        requests: [
          {
            method: 'POST',
            setupRequest: (req: { headers: Record<string, string> }) => {
              req.headers = {
                ...req.headers,
                authorization: `Bearer ${tokens[side][n++ % USERS]}`,
                'idempotency-key': randomUUID(),
              };
              return req;
            },
          },
        ],
      });
      return checked(`${side} http draws`, result).requests.average;
    });

    const proofs = await db.$queryRaw<{ activityId: string; n: number }[]>`
      SELECT "activityId"::text AS "activityId", count(*)::int AS n FROM "Draw"
      WHERE "activityId" IN (${fair.activity.id}::uuid, ${plain.activity.id}::uuid) AND fairness IS NOT NULL
      GROUP BY 1`;
    const provable = new Map(proofs.map((g) => [g.activityId, g.n]));
    console.log(
      `draws with a proof: fair ${provable.get(fair.activity.id) ?? 0}, plain ${provable.get(plain.activity.id) ?? 0}` +
        ' (the plain side must have none)',
    );
    const engine = report('in-process draws', 'draws/s', enginePairs);
    const http = report('http draws', 'req/s', httpPairs);
    cpuPairs.forEach((p, i) =>
      console.log(
        `in-process cpu pair ${i + 1}: fair ${p.fair.toFixed(1)} µs/draw, plain ${p.plain.toFixed(1)} µs/draw, ` +
          `ratio ${(p.plain / p.fair).toFixed(3)}`,
      ),
    );
    const cpu = median(cpuPairs.map((p) => p.plain / p.fair));
    console.log(`RATIO fair_vs_plain_draw=${engine.toFixed(3)}`);
    console.log(`RATIO fair_vs_plain_http_draw=${http.toFixed(3)}`);
    console.log(`RATIO fair_vs_plain_draw_cpu=${cpu.toFixed(3)}`);
  } finally {
    await redis.quit();
    await cleanUpBench();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    stopChildren();
    process.exit(1);
  },
);
