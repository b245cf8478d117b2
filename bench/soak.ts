// npm run soak — the production server (server.ts, WEB_CONCURRENCY processes, the hot lane) and
// the workers under a steady crowd for SOAK_SECONDS (default 600): the sessions of bench:crowd
// (view, me, sign-in, two draws; 20,000 users, three activities of Zipf-shaped popularity) sent
// open-loop at 50 % of the maximum calls/s of that mix, measured first in the same run (and, as a
// baseline, the maximum draws/s alone). Users here have 1,000 free draws and sign-ins a day and
// the tiers stock to spare, so the mix of work stays the same from the first minute to the last.
// Prints per minute the calls/s, p99 per call type and every process's RSS, then
//   RATIO soak_rss_end_vs_start    all processes' RSS, last minute ÷ first minute
//   RATIO soak_p99_end_vs_start    draw p99, last minute ÷ first minute
//   BUDGET soak_web_rss_mb, soak_workers_rss_mb (goals <= 300, <= 250), soak_errors (goal 0,
//     designed refusals apart)
//   BOOKS ok, or each mismatch, once the workers have drained
// BENCH_PORT (default 3300), SOAK_SECONDS, CROWD_USERS (20,000), WEB_CONCURRENCY (default: cores).
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
} from './lib/crowd';
import { applyBenchEnvironment, buildIfStale, cleanUpBench, startServerAndWorkers } from './lib/harness';

applyBenchEnvironment();
process.env.WEB_CONCURRENCY ||= String(availableParallelism());
const USERS = Number(process.env.CROWD_USERS ?? 20_000);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const LOAD_SHARE = 0.5;
const MINUTE = 60;

async function main() {
  try {
    const crowd = await createCrowd(USERS, {
      limits: { freeDrawsPerDay: 1_000 },
      tasks: [{ kind: 'sign_in', name: 'Daily check-in', chances: 1, perDay: 1_000 }],
    });
    buildIfStale();
    const { serverPid, workersPid } = await startServerAndWorkers();
    const memory = new MemorySampler(serverPid, workersPid).start();
    await sleep(2_000);
    const idle = { mb: memory.meanTotalMb(0, Infinity), each: memory.perProcess(0, Infinity) };
    const max = await measureMaxDraws(crowd);
    const mix = await measureMaxMix(crowd);
    const rate = mix.callsPerSecond * LOAD_SHARE;
    const say = (...parts: string[]) => console.log(parts.join(' '));
    say(
      `BASELINE soak_max_draws_per_s=${fmt(max.perSecond)}`,
      `(draws alone, closed loop, 100 connections; p50 ${fmt(max.p50Ms)} ms, p99 ${fmt(max.p99Ms)} ms;`,
      `${process.env.WEB_CONCURRENCY} web processes)`,
    );
    say(
      `BASELINE soak_max_mix_calls_per_s=${fmt(mix.callsPerSecond)}`,
      `(the sessions' mix, closed loop, 100 in flight; of them ${fmt(mix.drawsPerSecond)} draws/s,`,
      `draw p99 ${fmt(mix.drawP99Ms)} ms; the soak sends ${LOAD_SHARE * 100} % of it: ${fmt(rate)} calls/s`,
      `for ${SECONDS} s; ${USERS} users)`,
    );

    const log = new CallLog();
    memory.origin = log.startedAt;
    const client = crowdClient(crowd, log);
    // A line per minute as it ends, while the load runs.
    const windows: { from: number; to: number }[] = [];
    for (let from = 0; from < SECONDS; from += MINUTE) windows.push({ from, to: Math.min(SECONDS, from + MINUTE) });
    const report = ({ from, to }: { from: number; to: number }) => {
      const all = log.window(from, to);
      const p99s = CALL_TYPES.map((type) => `${type} ${fmt(percentile(log.window(from, to, type).latencies, 99), 1)}`);
      say(
        `MINUTE ${fmt(from / MINUTE + 1)} (${from}–${to} s): ${fmt(all.count / (to - from))} calls/s;`,
        `p99 ms ${p99s.join(', ')}; RSS MB ${memory.perProcess(from, to)}`,
      );
    };
    let reported = 0;
    const ticker = setInterval(() => {
      const now = (performance.now() - log.startedAt) / 1000;
      // A window is reported a few seconds after it ends, once its last calls are answered.
      while (reported < windows.length && windows[reported]!.to + 5 <= now) report(windows[reported++]!);
    }, 1_000);
    await openLoop({ seconds: SECONDS, callsPerSecond: () => rate, session: client.session, log });
    clearInterval(ticker);
    memory.stop();
    client.close();
    while (reported < windows.length) report(windows[reported++]!);

    const first = windows[0]!;
    const last = windows.at(-1)!.to - windows.at(-1)!.from < MINUTE / 2 ? windows.at(-2)! : windows.at(-1)!;
    const [rssStart, rssEnd] = [memory.meanTotalMb(first.from, first.to), memory.meanTotalMb(last.from, last.to)];
    const p99 = ({ from, to }: { from: number; to: number }) => percentile(log.window(from, to, 'draw').latencies, 99);
    say(`MEMORY idle, before any load: ${fmt(idle.mb)} MB in all; ${idle.each}`);
    for (const line of memory.peakLines()) say(line);
    say(
      `RATIO soak_rss_end_vs_start=${fmt(rssEnd / rssStart, 2)}`,
      `(all processes together: ${fmt(rssStart)} MB in the first minute, ${fmt(rssEnd)} MB in the last)`,
    );
    say(
      `RATIO soak_p99_end_vs_start=${fmt(p99(last) / p99(first), 2)}`,
      `(draw p99: ${fmt(p99(first), 1)} ms in the first minute, ${fmt(p99(last), 1)} ms in the last;`,
      `baseline p99 ${fmt(max.p99Ms)} ms at the max, closed loop)`,
    );
    const total = log.window(0, Infinity);
    say(
      `THROUGHPUT soak: ${fmt(total.count / SECONDS)} calls/s over ${SECONDS} s`,
      `(target ${fmt(rate)}; ${fmt(log.window(0, Infinity, 'draw').count / SECONDS)} draws/s)`,
    );
    const tally = log.tally();
    for (const line of tally.lines) say(line);
    const { webMb, workersMb } = memory.budgets();
    say(`BUDGET soak_web_rss_mb=${fmt(webMb)} (goal <= 300) soak_workers_rss_mb=${fmt(workersMb)} (goal <= 250)`);
    say(`BUDGET soak_errors=${tally.errors} (goal 0; designed refusals apart: ${tally.refusals})`);
    const mismatches = await checkBooks([...crowd.activities.map((a) => a.id), crowd.yardstick.id]);
    if (mismatches.length === 0) say('BOOKS ok');
    for (const m of mismatches.slice(0, 50)) say(`BOOKS mismatch: ${m}`);
    if (mismatches.length > 50) say(`BOOKS ${mismatches.length - 50} more mismatches`);
    console.error(`soak took ${fmt(performance.now() / 1000)} s`);
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
