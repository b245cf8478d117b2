// npm run bench:ceiling — what this machine allows the draw engine, part by part, in one run
// (bench:draw's engine_vs_redis_eval target of 0.3 asks for 0.3 × redis-benchmark's EVAL rate):
//   BASELINE redis_eval_per_s       redis-benchmark, the minimal one-key EVAL (as bench:draw)
//   CEILING lua_draws_per_s         the draw's Lua step alone from Node (decideDraw), 50 in flight:
//                                   Redis decides, nothing reaches PostgreSQL
//   CEILING pg_rows_per_s           the group commit's statement alone, one writer, batches of 100
//                                   draws (a quarter of them wins), nothing else running
//   CEILING pg_rows_stripped_per_s  the same without Participation, foreign keys or the Draw
//                                   table's secondary indexes: what PostgreSQL does at best here,
//                                   with one writer and with two (both cores to PostgreSQL)
//   NEEDED engine_draws_per_s       0.3 × redis_eval_per_s
// Each part is given the whole machine; the engine runs them together on the same two cores.
// The run's throwaway database loses its foreign keys and indexes at the end; it is dropped.
import { randomUUID } from 'node:crypto';
import {
  applyBenchEnvironment,
  cleanUpBench,
  closedLoop,
  createBenchActivity,
  redisEvalPerSecond,
} from './lib/harness';

applyBenchEnvironment();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const IN_FLIGHT = 50;
const BATCH = 100;

async function main() {
  const { default: pg } = await import('pg');
  const { config } = await import('../lib/config');
  const { createRedis, requestRedis } = await import('../lib/redis');
  const { decideDraw } = await import('../lib/draw/execute-draw');
  const { activityMeta } = await import('../lib/draw/activity-state');
  const { batchParams, INSERT_BATCH_SQL } = await import('../lib/draw/commit-draws');
  const redis = createRedis('worker');
  const client = new pg.Client({ connectionString: config().DATABASE_URL });
  const second = new pg.Client({ connectionString: config().DATABASE_URL });
  try {
    const { tenant, activity, prizes } = await createBenchActivity([0.25]);

    const evalPerSecond = await redisEvalPerSecond(redis, IN_FLIGHT);

    // The Lua step alone.
    const rr = await requestRedis();
    const meta = (await activityMeta(rr, activity.id))!;
    const luaPerSecond = (
      await closedLoop(IN_FLIGHT, SECONDS, (i) =>
        decideDraw({
          redis: rr,
          activityId: activity.id,
          meta,
          user: { tenantId: tenant.id, tenantSlug: tenant.slug, userId: `lua-${i % 2000}` },
          key: randomUUID(),
          day: '2026-01-01',
          now: Date.now(),
        }),
      )
    ).perSecond;

    // The commit statement alone, with rows shaped like the engine's.
    await client.connect();
    await second.connect();
    const tierId = (await client.query<{ id: string }>('SELECT id FROM "Tier" WHERE "activityId" = $1', [activity.id]))
      .rows[0]!.id;
    const epoch = (
      await client.query<{ stateEpoch: number }>('SELECT "stateEpoch" FROM "Activity" WHERE id = $1', [activity.id])
    ).rows[0]!.stateEpoch;
    let user = 0;
    const batch = () =>
      Array.from({ length: BATCH }, () => {
        const win = Math.random() < 0.25;
        return {
          epoch,
          draw: {
            id: randomUUID(),
            tenantId: tenant.id,
            activityId: activity.id,
            userId: `pg-${user++ % 2000}`,
            idempotencyKey: randomUUID(),
            outcome: win ? 'WIN' : 'LOSE',
            tierId: win ? tierId : null,
            chanceKind: 'FREE',
            chancesLeft: 5,
            ip: null,
            deviceId: null,
            createdAt: new Date(),
            riskAction: null,
          },
          wins: win
            ? [{ id: randomUUID(), prizeId: prizes[0]!.id, quantity: 1, status: 'DELIVERED', claimExpiresAt: null }]
            : [],
        } as const;
      });
    const rowsPerSecond = async (sql: string, writers = [client]) => {
      let rows = 0;
      const start = performance.now();
      await Promise.all(
        writers.map(async (writer) => {
          while (performance.now() - start < SECONDS * 1000) {
            await writer.query({ text: sql, values: batchParams(batch() as never) });
            rows += BATCH;
          }
        }),
      );
      return rows / ((performance.now() - start) / 1000);
    };
    const pgPerSecond = await rowsPerSecond(INSERT_BATCH_SQL);
    const fks = (
      await client.query<{ t: string; name: string }>(
        `SELECT conrelid::regclass::text AS t, conname AS name FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN ('"Draw"', '"Win"')`,
      )
    ).rows;
    for (const f of fks) await client.query(`ALTER TABLE ${f.t} DROP CONSTRAINT "${f.name}"`);
    const indexes = (
      await client.query<{ name: string }>(
        `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'Draw' AND indexname NOT LIKE '%pkey' AND indexdef NOT LIKE '%UNIQUE%'`,
      )
    ).rows;
    for (const i of indexes) await client.query(`DROP INDEX "${i.name}"`);
    const withoutParticipation = INSERT_BATCH_SQL.replace(/\), part AS \([\s\S]*?\n\), won AS/, '), won AS');
    if (withoutParticipation === INSERT_BATCH_SQL)
      throw new Error('the commit statement changed shape: update bench/ceiling.ts');
    const strippedPerSecond = await rowsPerSecond(withoutParticipation);
    const strippedTwoWritersPerSecond = await rowsPerSecond(withoutParticipation, [client, second]);

    console.log(`BASELINE redis_eval_per_s=${evalPerSecond.toFixed(0)}`);
    console.log(`CEILING lua_draws_per_s=${luaPerSecond.toFixed(0)}`);
    console.log(`CEILING pg_rows_per_s=${pgPerSecond.toFixed(0)}`);
    console.log(
      `CEILING pg_rows_stripped_per_s=${strippedPerSecond.toFixed(0)} (without Participation, ${fks.length} foreign keys, ${indexes.length} secondary Draw index${indexes.length === 1 ? '' : 'es'})`,
    );
    console.log(`CEILING pg_rows_stripped_two_writers_per_s=${strippedTwoWritersPerSecond.toFixed(0)}`);
    console.log(`NEEDED engine_draws_per_s=${(0.3 * evalPerSecond).toFixed(0)} (0.3 × redis_eval_per_s)`);
  } finally {
    await client.end().catch(() => undefined);
    await second.end().catch(() => undefined);
    await redis.quit();
    await cleanUpBench();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
