// npm run bench:draw — the draw engine against its baselines, measured in one run.
//   RATIO engine_vs_redis_eval   draws/s through the engine from Node (Lua + group commit), at
//                                its capacity (ENGINE_IN_FLIGHT draws in flight, default 500: a
//                                crowd on one process), ÷ redis-benchmark running a minimal
//                                one-key EVAL stock decrement. The same loop with 50 in flight,
//                                where a draw's round trips bound it, is printed beside it.
//                                redis-benchmark runs just before and just after the engine's
//                                run (the mean of the two); where that run spent the CPU, per
//                                draw and process, is printed under it.
//   RATIO http_draw_vs_trivial   POST .../draws req/s ÷ a trivial route of the same server,
//                                same tool (autocannon), connections and duration
//   LATENCY draw_p50_ms, draw_p99_ms at that load
//   DRAIN backlog_zero_after_s   stream backlog back to 0 after the load stops
//   RATIO draw_with_risk_vs_without  engine draws/s of an activity whose tenant has five risk
//                                rules active ÷ of one whose tenant has none, A B B A
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  applyBenchEnvironment,
  benchUserTokens,
  baseUrl,
  buildIfStale,
  cleanUpBench,
  closedLoop,
  cpuPerDraw,
  cpuSnapshot,
  createBenchActivity,
  redisEvalPerSecond,
  runId,
  startServerAndWorkers,
  stopChildren,
} from './lib/harness';

applyBenchEnvironment();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ENGINE_IN_FLIGHT = Number(process.env.ENGINE_IN_FLIGHT ?? 500);
const USERS = 2_000;
const RISK_SECONDS = Number(process.env.BENCH_RISK_SECONDS ?? 5);

type AutocannonResult = {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  '2xx': number;
};
const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: Record<string, unknown>,
) => Promise<AutocannonResult>;

async function main() {
  const { db } = await import('../lib/db');
  const { createRedis } = await import('../lib/redis');
  const { executeDraw } = await import('../lib/draw/execute-draw');
  const { drawKeys } = await import('../lib/draw/keys');
  const redis = createRedis('worker');

  try {
    const { tenant, activity } = await createBenchActivity([0.01, 0.05, 0.2]);
    const k = drawKeys(activity.id);

    buildIfStale();
    await startServerAndWorkers();

    // 1. The engine from Node: executeDraw (Lua + group commit), at 50 and at ENGINE_IN_FLIGHT
    //    draws in flight. Each loop waits for its draw before the next, as a client would.
    const users = Array.from({ length: USERS }, (_, i) => ({
      tenantId: tenant.id,
      tenantSlug: tenant.slug,
      userId: `engine-${i}`,
    }));
    const engineLoop = (inFlight: number) =>
      closedLoop(inFlight, SECONDS, (i) => executeDraw(users[i % USERS]!, activity.id, randomUUID()));
    const engineFew = await engineLoop(CONNECTIONS);
    // The baseline, redis-benchmark running a one-key EVAL that decrements stock if any is
    // left, just before and just after the engine's run: the machine's speed drifts over a
    // minute, and the mean of the two brackets it.
    const evalBefore = await redisEvalPerSecond(redis, CONNECTIONS);
    const cpuBefore = cpuSnapshot();
    const engine = await engineLoop(ENGINE_IN_FLIGHT);
    const engineCpu = cpuPerDraw(cpuBefore, cpuSnapshot(), engine.count);
    const evalAfter = await redisEvalPerSecond(redis, CONNECTIONS);
    const evalPerSecond = (evalBefore + evalAfter) / 2;
    const enginePerSecond = engine.perSecond;

    // 2. Risk rules: the same engine loop on an activity of a tenant with five rules active
    //     (none refusing these draws: the cost of checking is what is measured), A B B A.
    const risky = await createBenchActivity([0.01, 0.05, 0.2], `bench-risk-${runId}`);
    const { createRiskRule, addRiskListEntries } = await import('../lib/risk/manage-risk');
    const { RiskRuleSpec } = await import('../lib/risk/schemas');
    for (const spec of [
      { kind: 'blacklist' },
      { kind: 'rate_limit_user', limit: 10_000, windowSeconds: 60 },
      { kind: 'rate_limit_ip', limit: 100_000, windowSeconds: 60 },
      { kind: 'accounts_per_device', max: 1_000 },
      { kind: 'min_account_age', minAgeSeconds: 3_600 },
    ])
      await createRiskRule(risky.tenant.id, risky.actor, RiskRuleSpec.parse(spec));
    await addRiskListEntries(risky.tenant.id, risky.actor, {
      kind: 'user',
      values: Array.from({ length: 1_000 }, (_, i) => `banned-${i}`),
    });
    const drawLoop = async (t: { id: string; slug: string }, activityId: string, label: string) =>
      (
        await closedLoop(CONNECTIONS, RISK_SECONDS, (i) =>
          executeDraw(
            {
              tenantId: t.id,
              tenantSlug: t.slug,
              userId: `${label}-${i % USERS}`,
              deviceId: `dev-${i % 500}`,
              accountCreatedAt: 1_600_000_000,
            },
            activityId,
            randomUUID(),
            { ip: `10.1.${i % 200}.1` },
          ),
        )
      ).perSecond;
    const plainRates = [await drawLoop(tenant, activity.id, 'plain-a')];
    const riskRates = [
      await drawLoop(risky.tenant, risky.activity.id, 'risk-a'),
      await drawLoop(risky.tenant, risky.activity.id, 'risk-b'),
    ];
    plainRates.push(await drawLoop(tenant, activity.id, 'plain-b'));
    const plainPerSecond = (plainRates[0]! + plainRates[1]!) / 2;
    const riskPerSecond = (riskRates[0]! + riskRates[1]!) / 2;

    // 3. HTTP: the draw route against a trivial route of the same server.
    const tokens = await benchUserTokens(tenant, USERS, 'http');
    const trivial = await autocannon({
      url: `${baseUrl}/api/health/live`,
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    let n = 0;
    const http = await autocannon({
      url: `${baseUrl}/api/v1/activities/${activity.id}/draws`,
      connections: CONNECTIONS,
      duration: SECONDS,
      method: 'POST',
      requests: [
        {
          method: 'POST',
          setupRequest: (req: { headers: Record<string, string> }) => {
            req.headers = {
              ...req.headers,
              authorization: `Bearer ${tokens[n++ % USERS]}`,
              'idempotency-key': randomUUID(),
            };
            return req;
          },
        },
      ],
    });
    const stoppedAt = performance.now();
    if (http.non2xx > 0 || http.errors > 0)
      console.error(`warning: ${http.non2xx} non-2xx and ${http.errors} errors among ${http['2xx']} draws`);

    // 4. Drain: the workers bring the stream backlog to 0.
    while ((await redis.xlen(k.stream)) > 0 && performance.now() - stoppedAt < 60_000) await sleep(50);
    const drainSeconds = (performance.now() - stoppedAt) / 1000;
    const persisted = await db.draw.count({ where: { activityId: activity.id } });

    console.log(
      `engine draws/s (in-process, ${ENGINE_IN_FLIGHT} in flight): ${enginePerSecond.toFixed(0)}, mean ${engine.meanMs.toFixed(1)} ms a draw`,
    );
    console.log(`  ${engineCpu}`);
    console.log(
      `engine draws/s (in-process, ${CONNECTIONS} in flight): ${engineFew.perSecond.toFixed(0)}, mean ${engineFew.meanMs.toFixed(1)} ms a draw`,
    );
    console.log(
      `redis-benchmark EVAL/s (${CONNECTIONS} clients): ${evalPerSecond.toFixed(0)} (${evalBefore.toFixed(0)} before the engine's run, ${evalAfter.toFixed(0)} after)`,
    );
    console.log(
      `http draws/s: ${http.requests.average.toFixed(0)}   trivial route req/s: ${trivial.requests.average.toFixed(0)}   (${CONNECTIONS} connections, ${SECONDS} s each)`,
    );
    console.log(`draw rows in PostgreSQL: ${persisted}`);
    console.log(
      `engine draws/s with five risk rules: ${riskPerSecond.toFixed(0)}   without: ${plainPerSecond.toFixed(0)}   (A B B A, ${RISK_SECONDS} s each)`,
    );
    console.log(`RATIO engine_vs_redis_eval=${(enginePerSecond / evalPerSecond).toFixed(3)}`);
    console.log(`RATIO draw_with_risk_vs_without=${(riskPerSecond / plainPerSecond).toFixed(3)}`);
    console.log(`RATIO http_draw_vs_trivial=${(http.requests.average / trivial.requests.average).toFixed(3)}`);
    console.log(`LATENCY draw_p50_ms=${http.latency.p50} draw_p99_ms=${http.latency.p99}`);
    console.log(`DRAIN backlog_zero_after_s=${drainSeconds.toFixed(2)}`);
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
