// npm run bench:stats — what the dashboard's statistics cost PostgreSQL per draw under a steady
// crowd: BENCH_STATS_RATE draws a second (default 1,500) of simulated time, committed 3 s at a time
// as the group commit writes them, each 3 s followed by the recent pass and each minute by the
// settle pass, as the workers schedule them (lib/workers/ensure-schedules.ts). Three ways of
// rebuilding the buckets run side by side on the same rows, one statement each, timed alone:
//   the passes' own windows   the recent pass from LATE_ROW_MS before the last pass (recentFrom),
//                             the settle pass the same with its totals check in the statement
//   fixed windows             the recent pass over the last 3 minutes, the settle pass over the
//                             last 15 and its totals check in a statement of its own
//   the previous statement    the passes' own windows, each rebuilt by the statement as it was
//                             before it grouped the draws in one pass and counted new users by
//                             their own index (bench/lib/previous-stats-statement.ts), without
//                             that index; its settle passes skip the totals check, which both
//                             statements share
// Measured once the fixed recent window is full (4 minutes in), over BENCH_STATS_MINUTES (default 3):
//   BASELINE stats_fixed_windows_us_per_draw   the fixed windows' time per draw committed (their
//                                              statements' wall time, the machine otherwise idle:
//                                              PostgreSQL's work and the round trips)
//   BUDGET stats_passes_us_per_draw            the same of the passes' own windows
//   RATIO stats_passes_vs_fixed_windows        the passes' own windows ÷ the fixed ones
//   BASELINE stats_previous_statement_us_per_draw  the previous statement's time per draw
//   RATIO stats_statement_vs_previous          the passes' own windows ÷ the previous statement's
// The fixed windows' totals never race a commit here (nothing commits while they run): under a real
// crowd that check fails and rebuilds every minute, so the baseline is the cheapest it can be.
// The HyperLogLog feed is not measured. Its own database on 127.0.0.1, dropped afterwards.
// BENCH_STATS_TRACE=1 prints every pass's time as it goes.
import { randomUUID } from 'node:crypto';
import { applyBenchEnvironment, createBenchActivity } from './lib/harness';

applyBenchEnvironment();
const RATE = Number(process.env.BENCH_STATS_RATE ?? 1_500);
const MEASURED_MINUTES = Number(process.env.BENCH_STATS_MINUTES ?? 3);
const USERS = 20_000;
const STEP_MS = 3_000;
const MINUTE_MS = 60_000;
/** The fixed recent window reaches this far back once full: its 3 minutes and the current one. */
const FILL_MINUTES = 4;
const COMMIT_BATCH = 500;

const { db } = await import('../lib/db');
const { commitDraws } = await import('../lib/draw/commit-draws');
const { dropDatabase } = await import('../lib/migrations/apply-migrations');
const { config } = await import('../lib/config');
const { recentFrom, SETTLE_MINUTES } = await import('../lib/stats/aggregate-activity-stats');
const { recomputeStatsBuckets } = await import('../lib/stats/recompute-stats-buckets');
const { floorMinute } = await import('../lib/stats/keys');
const { PREVIOUS_RECOMPUTE } = await import('./lib/previous-stats-statement');

/**
 * A pass's statements: each rebuilds [from, to) (no `to`: no upper bound), `check` with the totals
 * check, `previous` by the previous statement.
 */
type Pass = { from: number; to?: number; check: boolean; previous?: boolean }[];

/** Thrown to roll back the previous statement's transaction once its statements have run. */
class RolledBack extends Error {}

/**
 * One pass's statements in one transaction, as aggregateActivityStats runs them; the milliseconds
 * its statements took. The previous statement runs without the index the current one reads new users
 * by (dropped in its transaction, which is then rolled back): with it, the planner takes it for the
 * previous statement's look-up of each drawer and a pass over 20,000 drawers takes seconds.
 */
async function timed(activityId: string, statements: Pass): Promise<{ ms: number; agree: boolean[] }> {
  let ms = 0;
  const answers: boolean[] = [];
  await db
    .$transaction(
      async (tx) => {
        const previousPass = statements.some((s) => s.previous);
        if (previousPass) await tx.$executeRawUnsafe('DROP INDEX "Participation_activityId_firstDrawAt_idx"');
        for (const { from, to, check, previous } of statements) {
          const upTo = to === undefined ? null : new Date(to);
          const started = performance.now();
          if (previous) {
            const range = [new Date(from).toISOString(), upTo?.toISOString() ?? 'infinity'];
            await tx.$queryRawUnsafe(PREVIOUS_RECOMPUTE, activityId, ...range);
          } else {
            const r = await recomputeStatsBuckets(tx, activityId, new Date(from), upTo, { checkTotals: check });
            if (check) answers.push(r.agree!);
          }
          ms += performance.now() - started;
        }
        if (previousPass) throw new RolledBack();
      },
      { timeout: 120_000 },
    )
    .catch((err: unknown) => {
      if (!(err instanceof RolledBack)) throw err;
    });
  return { ms, agree: answers };
}

let failed = false;
try {
  const { tenant, activity } = await createBenchActivity([0.1]);
  const tier = await db.tier.findFirstOrThrow({ where: { activityId: activity.id }, select: { id: true } });
  const start = floorMinute(Date.now()) - (FILL_MINUTES + MEASURED_MINUTES + 1) * MINUTE_MS;
  const end = start + (FILL_MINUTES + MEASURED_MINUTES) * MINUTE_MS;
  const measuredFrom = start + FILL_MINUTES * MINUTE_MS;
  const spent = { own: 0, fixed: 0, previous: 0 };
  let measuredDraws = 0;
  let lastPass: number | null = null;
  for (let t = start; t < end; t += STEP_MS) {
    const draws = Array.from({ length: (RATE * STEP_MS) / 1000 }, (_, i) => ({
      epoch: null,
      seq: null,
      draw: {
        id: randomUUID(),
        tenantId: tenant.id,
        activityId: activity.id,
        userId: `u-${Math.floor(Math.random() * USERS)}`,
        idempotencyKey: randomUUID(),
        // One in ten wins its tier (the win rows themselves are not what the passes read).
        outcome: i % 10 === 0 ? ('WIN' as const) : ('LOSE' as const),
        tierId: i % 10 === 0 ? tier.id : null,
        chanceKind: 'FREE' as const,
        chancesLeft: 0,
        ip: null,
        deviceId: null,
        createdAt: new Date(t + (i * STEP_MS) / ((RATE * STEP_MS) / 1000)),
        riskAction: null,
        configVersion: null,
      },
      wins: [],
    }));
    for (let i = 0; i < draws.length; i += COMMIT_BATCH) await commitDraws(draws.slice(i, i + COMMIT_BATCH));
    const now = t + STEP_MS;
    const settle = now % MINUTE_MS === 0;
    const own: Pass = [{ from: recentFrom(now, lastPass), check: settle }];
    const fixed: Pass = [{ from: floorMinute(now) - 3 * MINUTE_MS, check: false }];
    // The fixed settle: its 15 minutes, then the totals alone (an empty range, checked).
    if (settle)
      fixed.push(
        { from: floorMinute(now) - SETTLE_MINUTES * MINUTE_MS, check: false },
        { from: now, to: now, check: true },
      );
    const previous: Pass = [{ from: recentFrom(now, lastPass), check: false, previous: true }];
    const passes = { own, fixed, previous };
    // The first goes first on every third step, so none always finds the others' pages warm.
    const ways = ['own', 'fixed', 'previous'] as const;
    const step = now / STEP_MS;
    const order = ways.map((_, i) => ways[(i + step) % ways.length]!);
    for (const which of order) {
      const r = await timed(activity.id, passes[which]);
      if (r.agree.includes(false))
        throw new Error(`the ${which} settle pass at ${new Date(now).toISOString()} found the totals off`);
      if (t >= measuredFrom) spent[which] += r.ms;
      if (process.env.BENCH_STATS_TRACE) console.log(`${new Date(now).toISOString()} ${which} ${r.ms.toFixed(0)} ms`);
    }
    lastPass = now;
    if (t >= measuredFrom) measuredDraws += draws.length;
  }
  const perDraw = (ms: number) => (ms * 1000) / measuredDraws;
  console.log(
    `stats passes over ${MEASURED_MINUTES} min of ${RATE} draws/s (${measuredDraws} draws): own windows ${spent.own.toFixed(0)} ms, fixed windows ${spent.fixed.toFixed(0)} ms, previous statement ${spent.previous.toFixed(0)} ms`,
  );
  console.log(
    `BASELINE stats_fixed_windows_us_per_draw=${perDraw(spent.fixed).toFixed(1)} (recent over the last 3 minutes every 3 s, settle over 15 and its totals apart every minute)`,
  );
  console.log(`BUDGET stats_passes_us_per_draw=${perDraw(spent.own).toFixed(1)} (the passes' own windows)`);
  console.log(`RATIO stats_passes_vs_fixed_windows=${(spent.own / spent.fixed).toFixed(3)}`);
  console.log(
    `BASELINE stats_previous_statement_us_per_draw=${perDraw(spent.previous).toFixed(1)} (the passes' own windows, the statement before this one; no totals check)`,
  );
  console.log(`RATIO stats_statement_vs_previous=${(spent.own / spent.previous).toFixed(3)}`);
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await db.$disconnect();
  await dropDatabase(config().DATABASE_URL);
}
process.exit(failed ? 1 : 0);
