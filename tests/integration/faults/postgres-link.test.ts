// The link to PostgreSQL turns slow (latency on every packet, through a proxy in front of the
// shared server) and then drops every connection, again and again, under 200 draws in flight:
// the group commit reconnects and repeats its statement, nothing answers 500, and the books
// balance once the retries are in.
import { afterAll, describe, expect, it } from 'vitest';
import { TcpProxy } from '../../helpers/tcp-proxy';

const shared = new URL(process.env.DATABASE_URL!);
const proxy = await TcpProxy.start({ host: shared.hostname, port: Number(shared.port || 5432) });
// lib/config reads the environment once, at the first import below.
const viaProxy = new URL(shared);
viaProxy.host = `127.0.0.1:${proxy.port}`;
process.env.DATABASE_URL = viaProxy.toString();
const { checkBooks, drawTraffic, drawn, faultCaller, retryUnanswered, until } =
  await import('../../helpers/draw-traffic');
type Answer = import('../../helpers/draw-traffic').Answer;

afterAll(() => proxy.close());

describe('the PostgreSQL link slow, then dropped, under draw traffic', () => {
  it('keeps the books: no 500, every acknowledged win stored, no key drawn twice', async () => {
    const caller = await faultCaller();
    const answers: Answer[] = [];
    let stop = false;
    const traffic = drawTraffic(caller, answers, { concurrency: 200, maxCalls: 60_000, stop: () => stop });
    const accepted = proxy.accepted;
    try {
      expect(await until(() => drawn(answers) >= 500, 60_000), 'draws before the faults').toBe(true);
      proxy.setLatency(25);
      let before = drawn(answers);
      expect(await until(() => drawn(answers) >= before + 500, 60_000), 'draws over a slow link').toBe(true);
      // Every connection dropped, five times, each time with draws committing in between.
      for (let drop = 0; drop < 5; drop++) {
        proxy.dropAll();
        before = drawn(answers);
        expect(await until(() => drawn(answers) >= before + 200, 60_000), `draws after drop ${drop + 1}`).toBe(true);
      }
      proxy.setLatency(0);
      before = drawn(answers);
      expect(await until(() => drawn(answers) >= before + 500, 60_000), 'draws after the faults').toBe(true);
    } finally {
      proxy.setLatency(0);
      stop = true;
      await traffic;
    }
    // The drops did cut connections the app then opened again.
    expect(proxy.accepted - accepted).toBeGreaterThan(5);

    const failed = answers.filter((a) => a.status >= 500 && a.code !== 'SERVICE_UNAVAILABLE');
    expect(failed, 'no 500 and no other 5xx at any time').toEqual([]);
    expect(await retryUnanswered(caller, answers), 'keys still unanswered').toEqual([]);
    expect(await checkBooks(caller, answers)).toEqual([]);
  });
});
