// The link to PostgreSQL stalls (every byte held, both ways, by a proxy in front of the shared
// server, as a half-open connection or a network partition would) for longer than the group
// commit's timeout, under 200 draws in flight: the draws answer 503 SERVICE_UNAVAILABLE instead
// of hanging, and once the link moves again a retry with the same Idempotency-Key returns the
// one draw it made; the books balance.
import { afterAll, describe, expect, it } from 'vitest';
import { TcpProxy } from '../../helpers/tcp-proxy';

const shared = new URL(process.env.DATABASE_URL!);
const proxy = await TcpProxy.start({ host: shared.hostname, port: Number(shared.port || 5432) });
// lib/config reads the environment once, at the first import below.
const viaProxy = new URL(shared);
viaProxy.host = `127.0.0.1:${proxy.port}`;
process.env.DATABASE_URL = viaProxy.toString();
process.env.DRAW_COMMIT_TIMEOUT_MS = '500';
const { liveActivity } = await import('../../helpers/activities');
const { checkBooks, drawOnce, drawTraffic, drawn, faultCaller, retryUnanswered, until } =
  await import('../../helpers/draw-traffic');
type Answer = import('../../helpers/draw-traffic').Answer;

afterAll(() => proxy.close());

describe('the PostgreSQL link stalled under draw traffic', () => {
  it('answers 503 past the commit timeout; a retry with the same key never draws twice', async () => {
    const caller = await faultCaller();
    const answers: Answer[] = [];
    let stop = false;
    const traffic = drawTraffic(caller, answers, { concurrency: 200, maxCalls: 60_000, stop: () => stop });
    let stalled: Answer[] = [];
    try {
      expect(await until(() => drawn(answers) >= 1_000, 60_000), 'draws before the stall').toBe(true);
      const stalledAt = answers.length;
      proxy.stall();
      // The draws waiting for the group commit when the link stalled are refused once its tries
      // time out; those whose token check must read the tenant's secrets again, past the lookup's
      // deadline.
      const refused = () => answers.slice(stalledAt).filter((a) => a.status >= 500).length;
      expect(await until(() => refused() >= 100, 30_000), 'refusals while the link is stalled').toBe(true);
      stalled = answers.slice(stalledAt);
      proxy.resume();
      const before = drawn(answers);
      expect(await until(() => drawn(answers) >= before + 1_000, 60_000), 'draws after the stall').toBe(true);
    } finally {
      proxy.resume();
      stop = true;
      await traffic;
    }

    // Committed before the stall, or refused with 503: nothing else while the link was stalled.
    expect(stalled.filter((a) => a.status !== 200 && a.code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    const failed = answers.filter((a) => a.status >= 500 && a.code !== 'SERVICE_UNAVAILABLE');
    expect(failed, 'no 500 and no other 5xx at any time').toEqual([]);

    expect(await retryUnanswered(caller, answers), 'keys still unanswered').toEqual([]);
    expect(await checkBooks(caller, answers)).toEqual([]);
  });

  it("refuses, rather than holds, a request whose token needs the tenant's secrets read while the link is stalled", async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { probability: 0.2, stock: 10, prizes: [{ prizeId: p[0]! }] },
    ]);
    const user = { id: 'late', token: await tenant.userToken('late') };
    const caller = { activityId: activity.id, users: [user] };
    expect((await drawOnce(caller, user, 'before')).status).toBe(200);
    proxy.stall();
    try {
      // Past the secrets' cache: the next request must read them from PostgreSQL.
      await new Promise((r) => setTimeout(r, 5_500));
      let answer: Answer | undefined;
      void drawOnce(caller, user, 'during').then((a) => (answer = a));
      expect(await until(() => answer !== undefined, 10_000), 'answered while stalled').toBe(true);
      expect(answer).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    } finally {
      proxy.resume();
    }
  });
});
