// npm run bench:tasks — what completing a task (a daily sign-in) costs the web process: this
// process's CPU per completion (process.cpuUsage), fresh users, 20 completions in flight, in one
// run against two baselines:
//   the same completion through Prisma's interactive transaction: the task read, then the
//   activity's share lock, the (task, user) lock, the count and the insert, one statement each
//   (where completeTask sends two statements between BEGIN and COMMIT, through pgTransaction);
//   one round trip to PostgreSQL (SELECT 1 through the pool), the unit the completion is made of.
// Prints:
//   BASELINE task_prisma_transaction_us, pg_round_trip_us
//   BUDGET task_complete_us             the completion as it is (completeTask)
//   RATIO task_complete_vs_prisma_transaction
//   CPU task_complete_postgres_us, task_prisma_transaction_postgres_us: PostgreSQL's CPU per call
//     (every postgres process on the machine: run it alone); RATIO …_postgres, the one ÷ the other
// Both ways also write to Redis afterwards (the chances, the read cache, the dashboard's mark).
// BENCH_TASK_CALLS (default 2,000) per measurement, after a warm-up of 500; its own database.
import { applyBenchEnvironment, cleanUpBench, createBenchActivity, processTable, secondsByGroup } from './lib/harness';

applyBenchEnvironment();
const CALLS = Number(process.env.BENCH_TASK_CALLS ?? 2_000);
const IN_FLIGHT = 20;

const { db, pool } = await import('../lib/db');
const { completeTask } = await import('../lib/tasks/complete-task');
const { applyGrantsToRedis, liveActivityLock, ACTIVITY_COLUMNS } = await import('../lib/tasks/grant-chances');
type ActivityRow = import('../lib/tasks/grant-chances').ActivityRow;

/** PostgreSQL's CPU seconds so far (its backends, and those that exited, through the postmaster). */
const postgresSeconds = () =>
  secondsByGroup(processTable(), (_pid, p) => (p.comm === 'postgres' ? 'pg' : null)).pg ?? 0;
const postgresSpent = { complete: [] as number[], prisma: [] as number[], roundTrip: [] as number[] };

/** µs of this process's CPU per call of `call(i)`, IN_FLIGHT at a time; PostgreSQL's into `postgres`. */
async function cpuPerCall(count: number, call: (i: number) => Promise<unknown>, postgres?: number[]): Promise<number> {
  const pgBefore = postgresSeconds();
  const before = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) await call(next++);
    }),
  );
  const used = process.cpuUsage(before);
  postgres?.push(((postgresSeconds() - pgBefore) * 1e6) / count);
  return (used.user + used.system) / count;
}

let failed = false;
try {
  const { tenant, activity } = await createBenchActivity([0.1], undefined, {
    limits: { freeDrawsPerDay: 1 },
    tasks: [{ kind: 'sign_in', name: 'Sign in', chances: 1, perDay: 1 }],
  });
  const task = await db.task.findFirstOrThrow({ where: { activityId: activity.id } });
  const user = (userId: string) => ({ tenantId: tenant.id, tenantSlug: tenant.slug, userId });

  /** The completion through Prisma's interactive transaction, statement for statement. */
  async function throughPrisma(userId: string) {
    const found = await db.task.findFirst({
      where: { id: task.id, activityId: activity.id, tenantId: tenant.id, activity: { status: { not: 'DRAFT' } } },
    });
    if (!found) throw new Error('task not found');
    const grant = await db.$transaction(
      async (tx) => {
        const [row] = await tx.$queryRawUnsafe<ActivityRow[]>(
          `SELECT ${ACTIVITY_COLUMNS} FROM "Activity" a WHERE a.id = $1::uuid AND a."tenantId" = $2::uuid FOR SHARE`,
          activity.id,
          tenant.id,
        );
        const live = liveActivityLock(row, Date.now());
        if (!live) throw new Error('not live');
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`grant:${task.id}:${userId}`}, 0))`;
        const [done] = await tx.$queryRaw<{ today: number }[]>`
          SELECT count(*) FILTER (WHERE day = ${live.day})::int AS today, count(*)::int AS total
          FROM "ChanceGrant" WHERE "activityId" = ${activity.id}::uuid AND "userId" = ${userId} AND "taskId" = ${task.id}::uuid`;
        if (done!.today >= 1) return null;
        await tx.$executeRaw`
          INSERT INTO "ChanceGrant" ("tenantId", "activityId", "userId", "taskId", source, chances, day, "dedupeKey")
          VALUES (${tenant.id}::uuid, ${activity.id}::uuid, ${userId}, ${task.id}::uuid, 'TASK'::"ChanceSource", 1, ${live.day}, ${`task:${task.id}:${userId}:${live.day}:1`})
          ON CONFLICT ("dedupeKey") DO NOTHING`;
        return { tenantId: tenant.id, activityId: activity.id, userId, chances: 1, stateEpoch: live.stateEpoch };
      },
      { maxWait: 10_000, timeout: 10_000 },
    );
    if (grant) await applyGrantsToRedis([grant]);
  }

  const ways = {
    complete: (i: number, round: number) => completeTask(user(`c${round}-${i}`), activity.id, task.id),
    prisma: (i: number, round: number) => throughPrisma(`p${round}-${i}`),
    roundTrip: () => pool.query('SELECT 1'),
  };
  // Warm both paths up, then measure each twice, alternating: the machine's pace drifts.
  const spent = { complete: [] as number[], prisma: [] as number[], roundTrip: [] as number[] };
  for (const way of ['complete', 'prisma', 'roundTrip'] as const) await cpuPerCall(500, (i) => ways[way](i, 0));
  for (let round = 1; round <= 2; round++)
    for (const way of ['complete', 'prisma', 'roundTrip'] as const)
      spent[way].push(await cpuPerCall(CALLS, (i) => ways[way](i, round), postgresSpent[way]));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const [complete, prisma, roundTrip] = [mean(spent.complete), mean(spent.prisma), mean(spent.roundTrip)];
  const granted = await db.chanceGrant.count({ where: { activityId: activity.id } });
  if (granted !== 2 * (500 + 2 * CALLS)) throw new Error(`expected every completion to grant once, got ${granted}`);
  console.log(
    `rounds: completeTask ${spent.complete.map((x) => x.toFixed(0)).join(', ')} µs; Prisma ${spent.prisma.map((x) => x.toFixed(0)).join(', ')} µs`,
  );
  console.log(
    `BASELINE task_prisma_transaction_us=${prisma.toFixed(0)} (this process's CPU per completion, ${IN_FLIGHT} in flight)`,
  );
  console.log(`BASELINE pg_round_trip_us=${roundTrip.toFixed(0)} (SELECT 1 through the pool)`);
  console.log(`BUDGET task_complete_us=${complete.toFixed(0)} (completeTask: four round trips)`);
  console.log(`RATIO task_complete_vs_prisma_transaction=${(complete / prisma).toFixed(3)}`);
  const [pgComplete, pgPrisma] = [mean(postgresSpent.complete), mean(postgresSpent.prisma)];
  console.log(
    `CPU task_complete_postgres_us=${pgComplete.toFixed(0)} task_prisma_transaction_postgres_us=${pgPrisma.toFixed(0)} pg_round_trip_postgres_us=${mean(postgresSpent.roundTrip).toFixed(0)} (PostgreSQL's CPU per call)`,
  );
  console.log(`RATIO task_complete_vs_prisma_transaction_postgres=${(pgComplete / pgPrisma).toFixed(3)}`);
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await cleanUpBench();
}
process.exit(failed ? 1 : 0);
