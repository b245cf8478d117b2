// npm run bench:crowd — a holiday crowd on the production server (server.ts, WEB_CONCURRENCY
// processes, the hot lane) and the workers: 20,000 users on three live activities of Zipf-shaped
// popularity (1 : 1/2 : 1/3), each a free draw and a daily sign-in worth one more, the first two
// tiers stocked to run dry. Sessions (view, me, sign-in, draw, draw) are sent open-loop, so calls
// go out at the target rate whatever the server's pace: 0 → peak over CROWD_RAMP_SECONDS (30),
// held CROWD_HOLD_SECONDS (60), back to 0 over the ramp again.
// Two maxima are measured first in the same run: draws/s alone (an autocannon burst on a yardstick
// activity, as bench:http does) and calls/s of the sessions' own mix (as many sessions back to
// back as that burst has connections). The peak is 80 % of the mix's maximum (CROWD_PEAK_OF=draws:
// of the draws' maximum instead, which the mix cannot reach when its other calls cost more than a
// draw). Prints:
//   BASELINE both maxima, RATIO crowd_mix_vs_draws (the one ÷ the other)
//   THROUGHPUT per phase (calls/s and draws/s), LATENCY p50/p99 per call type per phase
//   RATIO crowd_peak_vs_max (held calls/s ÷ the maximum), LATENCY crowd_draw_p50_ms, crowd_draw_p99_ms
//   REFUSED/ERROR lines by call type, status and code (designed refusals apart from errors)
//   MEMORY every process's RSS idle and at its peak (sampled every second from /proc)
//   BUDGET crowd_web_rss_mb (goal <= 300), crowd_workers_rss_mb (goal <= 250)
//   RATIO crowd_rss_down_vs_up (goal <= 1.10: RSS at equal load coming down vs going up)
//   BUDGET crowd_errors (goal 0), then BOOKS ok or each mismatch once the workers have drained
// BENCH_PORT (default 3300), CROWD_USERS (20,000), WEB_CONCURRENCY (default: cores). About five minutes.
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CALL_TYPES,
  CallLog,
  MemorySampler,
  checkBooks,
  createCrowd,
  crowdClient,
  fmt,
  measureMaxDraws,
  measureMaxMix,
  openLoop,
  percentile,
  tierSummary,
} from './lib/crowd';
import { applyBenchEnvironment, buildIfStale, cleanUpBench, startServerAndWorkers } from './lib/harness';

applyBenchEnvironment();
process.env.WEB_CONCURRENCY ||= String(availableParallelism());
const USERS = Number(process.env.CROWD_USERS ?? 20_000);
const RAMP_SECONDS = Number(process.env.CROWD_RAMP_SECONDS ?? 30);
const HOLD_SECONDS = Number(process.env.CROWD_HOLD_SECONDS ?? 60);
const PEAK_SHARE = 0.8;
/** What the peak is a share of: the mix's maximum calls/s (default), or the maximum draws/s alone. */
const PEAK_OF = process.env.CROWD_PEAK_OF === 'draws' ? 'draws' : 'mix';

async function main() {
  try {
    const crowd = await createCrowd(USERS, {
      // Stock the first two tiers run out of at the crowd's peak, so "wins <= stock" is tested.
      tierStocks: [5, 50, 100_000],
      limits: { freeDrawsPerDay: 1 },
      tasks: [{ kind: 'sign_in', name: 'Daily check-in', chances: 1, perDay: 1 }],
    });
    buildIfStale();
    const { serverPid, workersPid } = await startServerAndWorkers();
    const memory = new MemorySampler(serverPid, workersPid).start();
    await sleep(2_000);
    const idle = { mb: memory.meanTotalMb(0, Infinity), each: memory.perProcess(0, Infinity) };
    const max = await measureMaxDraws(crowd);
    const mix = await measureMaxMix(crowd);
    const capacity = PEAK_OF === 'draws' ? max.perSecond : mix.callsPerSecond;
    const peak = capacity * PEAK_SHARE;

    // The ramp, in seconds since the load's start: up, held, down.
    const upEnd = RAMP_SECONDS;
    const holdEnd = upEnd + HOLD_SECONDS;
    const downEnd = holdEnd + RAMP_SECONDS;
    const rate = (t: number) =>
      t < upEnd ? (peak * t) / upEnd : t < holdEnd ? peak : t < downEnd ? (peak * (downEnd - t)) / RAMP_SECONDS : 0;

    const log = new CallLog();
    memory.origin = log.startedAt;
    const client = crowdClient(crowd, log);
    await openLoop({ seconds: downEnd, callsPerSecond: rate, session: client.session, log });
    memory.stop();
    client.close();

    const say = (...parts: string[]) => console.log(parts.join(' '));
    say(
      `BASELINE crowd_max_draws_per_s=${fmt(max.perSecond)}`,
      `(draws alone, closed loop, 100 connections; p50 ${fmt(max.p50Ms)} ms, p99 ${fmt(max.p99Ms)} ms;`,
      `${process.env.WEB_CONCURRENCY} web processes)`,
    );
    say(
      `BASELINE crowd_max_mix_calls_per_s=${fmt(mix.callsPerSecond)}`,
      `(the sessions' mix, closed loop, 100 in flight; of them ${fmt(mix.drawsPerSecond)} draws/s,`,
      `draw p99 ${fmt(mix.drawP99Ms)} ms)`,
    );
    say(
      `RATIO crowd_mix_vs_draws=${fmt(mix.callsPerSecond / max.perSecond, 2)}`,
      `(calls/s of the mix ÷ draws/s alone; the peak is ${PEAK_SHARE * 100} % of the ${PEAK_OF === 'draws' ? 'latter' : 'former'}:`,
      `${fmt(peak)} calls/s; ${USERS} users)`,
    );
    const phases = [
      ['up', 0, upEnd],
      ['peak', upEnd, holdEnd],
      ['down', holdEnd, downEnd],
    ] as const;
    for (const [name, from, to] of phases) {
      const all = log.window(from, to);
      const draws = log.window(from, to, 'draw');
      say(
        `THROUGHPUT crowd_${name}: ${fmt(all.count / (to - from))} calls/s, ${fmt(draws.count / (to - from))} draws/s`,
        `(target mean ${fmt(name === 'peak' ? peak : peak / 2)} calls/s)`,
      );
      say(
        `LATENCY crowd_${name}:`,
        CALL_TYPES.map((type) => {
          const { latencies } = log.window(from, to, type);
          return `${type} p50 ${fmt(percentile(latencies, 50), 1)} p99 ${fmt(percentile(latencies, 99), 1)} ms`;
        }).join(', '),
      );
    }
    const held = log.window(upEnd, holdEnd);
    const heldDraws = log.window(upEnd, holdEnd, 'draw');
    say(
      `RATIO crowd_peak_vs_max=${fmt(held.count / HOLD_SECONDS / capacity, 2)}`,
      `(${fmt(held.count / HOLD_SECONDS)} calls/s held, of them ${fmt(heldDraws.count / HOLD_SECONDS)} draws/s;`,
      `max ${fmt(capacity)} ${PEAK_OF === 'draws' ? 'draws/s alone' : 'calls/s of the mix'})`,
    );
    say(
      `LATENCY crowd_draw_p50_ms=${fmt(percentile(heldDraws.latencies, 50), 1)}`,
      `crowd_draw_p99_ms=${fmt(percentile(heldDraws.latencies, 99), 1)}`,
      `at the peak (baseline: p50 ${fmt(max.p50Ms)} ms, p99 ${fmt(max.p99Ms)} ms at the max, closed loop)`,
    );

    const tally = log.tally();
    for (const line of tally.lines) say(line);
    say(`MEMORY idle, before any load: ${fmt(idle.mb)} MB in all; ${idle.each}`);
    for (const line of memory.peakLines()) say(line);
    const { webMb, workersMb } = memory.budgets();
    say(`BUDGET crowd_web_rss_mb=${fmt(webMb)} (goal <= 300; the largest web process at its peak)`);
    say(`BUDGET crowd_workers_rss_mb=${fmt(workersMb)} (goal <= 250)`);
    // Equal load on the way up and down: the samples while the target was a quarter to three quarters of the peak.
    const upFrom = upEnd * 0.25;
    const upTo = upEnd * 0.75;
    const [up, down] = [
      memory.meanTotalMb(upFrom, upTo),
      memory.meanTotalMb(holdEnd + RAMP_SECONDS * 0.25, holdEnd + RAMP_SECONDS * 0.75),
    ];
    say(
      `RATIO crowd_rss_down_vs_up=${fmt(down / up, 2)} (goal <= 1.10; all processes together,`,
      `${fmt(up)} MB going up, ${fmt(down)} MB coming down at 25–75 % of the peak;`,
      `up ${memory.perProcess(upFrom, upTo)}; down`,
      `${memory.perProcess(holdEnd + RAMP_SECONDS * 0.25, holdEnd + RAMP_SECONDS * 0.75)})`,
    );
    say(`BUDGET crowd_errors=${tally.errors} (goal 0; designed refusals apart: ${tally.refusals})`);

    const ids = [...crowd.activities.map((a) => a.id), crowd.yardstick.id];
    const booksFrom = performance.now();
    const mismatches = await checkBooks(ids);
    say(`WINS per tier (won/stock): ${await tierSummary(crowd.activities.map((a) => a.id))}`);
    if (mismatches.length === 0) say(`BOOKS ok (checked in ${fmt((performance.now() - booksFrom) / 1000)} s)`);
    for (const m of mismatches.slice(0, 50)) say(`BOOKS mismatch: ${m}`);
    if (mismatches.length > 50) say(`BOOKS ${mismatches.length - 50} more mismatches`);
    console.error(`bench:crowd took ${fmt(performance.now() / 1000)} s`);
  } finally {
    await cleanUpBench();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
