// npm run bench:redis-writes — what one Redis command costs the process that sends it, on the
// request connection (lib/redis.ts: a tick's commands coalesced into one write by corking the
// socket) against ioredis's auto-pipelining (the same single write, through a pipeline and its
// promises), both against the local Redis in one run, in alternating pairs.
//   RATIO redis_write_cpu_coalesced_vs_autopipelined  CPU µs a command, coalesced ÷ auto-pipelined (lower is better)
//   BASELINE  both figures, the medians of the pairs
// BENCH_PAIRS (default 5), BENCH_BURST commands given at once (default 50).
import { once } from 'node:events';
import { Redis } from 'ioredis';

process.env.REDIS_PREFIX = `bench-writes-${process.pid}`;
process.env.LOG_LEVEL = 'error';
const PAIRS = Number(process.env.BENCH_PAIRS ?? 5);
const BURST = Number(process.env.BENCH_BURST ?? 50);
const ROUNDS = 2_000;

// A script of the size of GET …/me's: a hash read and a key read under one hash tag.
const LUA = "return {redis.call('hmget', KEYS[1], ARGV[1], ARGV[2]), redis.call('get', KEYS[2])}";

/** CPU µs per command of ROUNDS bursts of BURST script calls, each burst given in one tick. */
async function cpuPerCommand(redis: Redis, sha: string, prefix: string): Promise<number> {
  const started = process.cpuUsage();
  for (let i = 0; i < ROUNDS; i++) {
    await Promise.all(
      Array.from({ length: BURST }, (_, j) =>
        redis.evalsha(sha, 2, `${prefix}:{a}:u:${j}`, `${prefix}:{a}:t`, 'f1', 'f2'),
      ),
    );
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / (ROUNDS * BURST);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const { config } = await import('../lib/config');
  const { createRedis, key } = await import('../lib/redis');
  const coalesced = createRedis('request');
  const autopipelined = new Redis(config().REDIS_URL, {
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  await Promise.all([coalesced, autopipelined].map((r) => (r.status === 'ready' ? null : once(r, 'ready'))));
  const sha = (await autopipelined.script('LOAD', LUA)) as string;
  const prefix = key('k');
  // Warm both paths up (JIT) before anything counts.
  await cpuPerCommand(coalesced, sha, prefix);
  await cpuPerCommand(autopipelined, sha, prefix);
  const a: number[] = [];
  const b: number[] = [];
  for (let pair = 1; pair <= PAIRS; pair++) {
    const order = pair % 2 ? ['coalesced', 'autopipelined'] : ['autopipelined', 'coalesced'];
    for (const which of order) {
      if (which === 'coalesced') a.push(await cpuPerCommand(coalesced, sha, prefix));
      else b.push(await cpuPerCommand(autopipelined, sha, prefix));
    }
    console.log(
      `pair ${pair}: coalesced ${a.at(-1)!.toFixed(2)} µs, auto-pipelined ${b.at(-1)!.toFixed(2)} µs a command`,
    );
  }
  console.log(
    `BASELINE redis_write_cpu_autopipelined_us=${median(b).toFixed(2)} redis_write_cpu_coalesced_us=${median(a).toFixed(2)} (${BURST} commands a tick)`,
  );
  console.log(
    `RATIO redis_write_cpu_coalesced_vs_autopipelined=${(median(a) / median(b)).toFixed(2)} (lower is better)`,
  );
  coalesced.disconnect();
  autopipelined.disconnect();
}
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
