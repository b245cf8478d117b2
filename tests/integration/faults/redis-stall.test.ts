// The link to Redis stalls (every byte held, both ways, by a proxy in front of the shared Redis;
// the server itself is never touched) for longer than the request path's command timeout, under
// 200 draws in flight: the draws answer 503 SERVICE_UNAVAILABLE instead of hanging or failing
// with 500, and once the link moves again a retry with the same Idempotency-Key returns the one
// true outcome: the draw Redis made when the held script finally ran, or a first draw if it never
// did; never a second.
import { afterAll, describe, expect, it } from 'vitest';
import { TcpProxy } from '../../helpers/tcp-proxy';

const shared = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0');
const proxy = await TcpProxy.start({ host: shared.hostname, port: Number(shared.port || 6379) });
// lib/config reads the environment once, at the first import below.
process.env.REDIS_URL = `redis://127.0.0.1:${proxy.port}${shared.pathname}`;
process.env.REDIS_COMMAND_TIMEOUT_MS = '500';
const { checkBooks, drawTraffic, drawn, faultCaller, retryUnanswered, until } =
  await import('../../helpers/draw-traffic');
type Answer = import('../../helpers/draw-traffic').Answer;

afterAll(() => proxy.close());

describe('the Redis link stalled under draw traffic', () => {
  it('answers 503 past the command timeout; a retry with the same key never draws twice', async () => {
    const caller = await faultCaller();
    const answers: Answer[] = [];
    let stop = false;
    const traffic = drawTraffic(caller, answers, { concurrency: 200, maxCalls: 60_000, stop: () => stop });
    let outage: Answer[] = [];
    try {
      expect(await until(() => drawn(answers) >= 1_000, 60_000), 'draws before the stall').toBe(true);
      const stalledAt = answers.length;
      proxy.stall();
      const refused = () => answers.slice(stalledAt).filter((a) => a.status >= 500).length;
      expect(await until(() => refused() >= 200, 30_000), 'refusals while the link is stalled').toBe(true);
      // Every draw answered from here until the link moves again met the stall.
      const stalledFrom = answers.length;
      expect(await until(() => answers.length >= stalledFrom + 400, 30_000)).toBe(true);
      outage = answers.slice(stalledFrom);
      proxy.resume();
      const before = drawn(answers);
      expect(await until(() => drawn(answers) >= before + 1_000, 60_000), 'draws after the stall').toBe(true);
    } finally {
      proxy.resume();
      stop = true;
      await traffic;
    }

    expect(outage.filter((a) => a.status !== 503 || a.code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    const failed = answers.filter((a) => a.status >= 500 && a.code !== 'SERVICE_UNAVAILABLE');
    expect(failed, 'no 500 and no other 5xx at any time').toEqual([]);

    // The held scripts ran once the link moved: most keys refused during the stall did draw.
    expect(await retryUnanswered(caller, answers), 'keys still unanswered').toEqual([]);
    expect(await checkBooks(caller, answers)).toEqual([]);
  });
});
