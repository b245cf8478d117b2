// npm run bench:dashboard — the live dashboard reads aggregates, not rows.
//   RATIO dashboard_1m_vs_empty   p50 latency of GET /t/{tenant}/activities/{id}/dashboard/data
//                                 for an activity with 1,000,000 draws ÷ the same for one with none,
//                                 same server, same run, requests interleaved (A B B A)
//   LATENCY dashboard_empty_p50_ms, dashboard_1m_p50_ms (and p90)
//   SEED draws_seeded, seed_s, aggregate_s   how the 1M draws were made (SQL) and aggregated once
import { setTimeout as sleep } from 'node:timers/promises';
import {
  applyBenchEnvironment,
  baseUrl,
  buildIfStale,
  cleanUpBench,
  createBenchActivity,
  startServerAndWorkers,
  stopChildren,
} from './lib/harness';

applyBenchEnvironment();
const DRAWS = Number(process.env.BENCH_DRAWS ?? 1_000_000);
const USERS = 100_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 150);
const WARMUP = 20;
/** Seeded draws are spread over the hour before the last 20 minutes, so the stats worker's recent and settle passes stay cheap while we measure. */
const SPREAD_MINUTES = 60;
const AGE_MINUTES = 20;

async function main() {
  const { config } = await import('../lib/config');
  const { db } = await import('../lib/db');
  const { createRedis } = await import('../lib/redis');
  const { aggregateActivityStats } = await import('../lib/stats/aggregate-activity-stats');
  const { upsertOperator } = await import('../lib/auth/verify-operator');
  const { encode } = await import('next-auth/jwt');
  const redis = createRedis('worker');

  try {
    const full = await createBenchActivity([0.01, 0.05, 0.2]);
    const empty = await createBenchActivity([0.01, 0.05, 0.2]);
    const tiers = full.activity.tiers.map((t) => t.id);

    // 1,000,000 draws and their participation in two statements; 10 % win, spread over the tiers.
    const seedStarted = performance.now();
    await db.$executeRawUnsafe(
      `INSERT INTO "Draw" (id, "tenantId", "activityId", "userId", "idempotencyKey", outcome, "tierId", "chanceKind", "chancesLeft", "createdAt")
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, 'u' || (i % ${USERS}), 'k' || i,
              (CASE WHEN i % 10 = 0 THEN 'WIN' ELSE 'LOSE' END)::"DrawOutcome",
              CASE WHEN i % 10 = 0 THEN ($3::uuid[])[1 + (i / 10) % 3] END,
              (CASE WHEN i % 4 = 0 THEN 'GRANTED' ELSE 'FREE' END)::"ChanceKind", 0,
              (now() AT TIME ZONE 'UTC') - make_interval(mins => ${AGE_MINUTES}) - make_interval(secs => (i % (${SPREAD_MINUTES} * 60)))
       FROM generate_series(1, ${DRAWS}) AS i`,
      full.tenant.id,
      full.activity.id,
      tiers,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "Participation" ("activityId", "userId", "tenantId", "firstDrawAt", "lastDrawAt", draws, wins)
       SELECT "activityId", "userId", "tenantId", min("createdAt"), max("createdAt"), count(*), count(*) FILTER (WHERE outcome = 'WIN')
       FROM "Draw" WHERE "activityId" = $1::uuid GROUP BY 1, 2, 3`,
      full.activity.id,
    );
    await db.$executeRawUnsafe(`ANALYZE "Draw"`);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    // One settle pass each: the 1M activity's buckets are rebuilt from every row once.
    const aggStarted = performance.now();
    const agg = await aggregateActivityStats(redis, full.activity.id, { settle: true });
    const aggregateSeconds = (performance.now() - aggStarted) / 1000;
    await aggregateActivityStats(redis, empty.activity.id, { settle: true });
    const buckets = await db.statsBucket.count({ where: { activityId: full.activity.id } });

    // A console session for an owner of the bench tenant (next-auth's own JWT cookie).
    const op = await upsertOperator(`bench-${Date.now()}@bench.local`, 'Bench Owner', 'bench-password-1');
    await db.membership.create({ data: { tenantId: full.tenant.id, operatorId: op.id, role: 'OWNER' } });
    const cookie = `next-auth.session-token=${await encode({ token: { sub: op.id }, secret: config().AUTH_SECRET })}`;

    buildIfStale();
    await startServerAndWorkers();

    const url = (activityId: string) => `${baseUrl}/t/${full.tenant.slug}/activities/${activityId}/dashboard/data`;
    async function timed(activityId: string, expectDraws: number): Promise<number> {
      const started = performance.now();
      const res = await fetch(url(activityId), { headers: { cookie } });
      const body = (await res.json()) as { totals?: { draws: number } };
      const ms = performance.now() - started;
      if (!res.ok || body.totals?.draws !== expectDraws)
        throw new Error(`dashboard data answered ${res.status} with ${JSON.stringify(body).slice(0, 200)}`);
      return ms;
    }
    for (let i = 0; i < WARMUP; i++) {
      await timed(empty.activity.id, 0);
      await timed(full.activity.id, DRAWS);
    }
    const emptyMs: number[] = [];
    const fullMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // A B B A: drift of the shared machine weighs on both sides.
      if (i % 2 === 0) {
        emptyMs.push(await timed(empty.activity.id, 0));
        fullMs.push(await timed(full.activity.id, DRAWS));
      } else {
        fullMs.push(await timed(full.activity.id, DRAWS));
        emptyMs.push(await timed(empty.activity.id, 0));
      }
    }
    const pct = (xs: number[], p: number) =>
      [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
    console.log(
      `draws seeded: ${DRAWS} (${USERS} users) in ${seedSeconds.toFixed(1)} s; one settle pass rebuilt ${buckets} minute buckets in ${aggregateSeconds.toFixed(2)} s (rebuiltAll=${agg.rebuiltAll})`,
    );
    console.log(`${ROUNDS} requests each, interleaved, after ${WARMUP} warm-up requests each`);
    console.log(
      `SEED draws_seeded=${DRAWS} seed_s=${seedSeconds.toFixed(1)} aggregate_s=${aggregateSeconds.toFixed(2)}`,
    );
    console.log(
      `LATENCY dashboard_empty_p50_ms=${pct(emptyMs, 0.5).toFixed(1)} dashboard_empty_p90_ms=${pct(emptyMs, 0.9).toFixed(1)}`,
    );
    console.log(
      `LATENCY dashboard_1m_p50_ms=${pct(fullMs, 0.5).toFixed(1)} dashboard_1m_p90_ms=${pct(fullMs, 0.9).toFixed(1)}`,
    );
    console.log(`RATIO dashboard_1m_vs_empty=${(pct(fullMs, 0.5) / pct(emptyMs, 0.5)).toFixed(3)}`);
  } finally {
    await redis.quit();
    await sleep(100);
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
