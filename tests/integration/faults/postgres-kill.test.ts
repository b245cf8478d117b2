// PostgreSQL killed (SIGKILL, the postmaster and every backend) and restarted while 200 draws
// are in flight and group commits are being written, on a private cluster (never the shared
// server): while it is down the draws answer 503 SERVICE_UNAVAILABLE, never 500; once it is
// back, a retry with the same key gets the one draw it made, and the books balance.
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresCluster } from '../../helpers/postgres-cluster';

const cluster = await PostgresCluster.start();
const url = cluster.url('lottery');
// lib/config reads the environment once, at the first import below.
process.env.DATABASE_URL = url;
const { applyMigrations, ensureDatabase } = await import('@/lib/migrations/apply-migrations');
await ensureDatabase(url);
await applyMigrations(url);
const { checkBooks, drawTraffic, drawn, faultCaller, retryUnanswered, until } =
  await import('../../helpers/draw-traffic');
type Answer = import('../../helpers/draw-traffic').Answer;

afterAll(() => cluster.destroy());

describe('PostgreSQL killed under draw traffic', () => {
  it('answers 503 while it is down, then loses no acknowledged win and draws no key twice', async () => {
    const caller = await faultCaller();
    const answers: Answer[] = [];
    let stop = false;
    const traffic = drawTraffic(caller, answers, { concurrency: 200, maxCalls: 60_000, stop: () => stop });
    let outage: Answer[] = [];
    try {
      expect(await until(() => drawn(answers) >= 1_000, 60_000), 'draws before the kill').toBe(true);
      const killedAt = answers.length;
      await cluster.kill();
      const refused = () => answers.slice(killedAt).filter((a) => a.status >= 500).length;
      expect(await until(() => refused() >= 500, 30_000), 'refusals while PostgreSQL is down').toBe(true);
      // Settled into the outage: every draw answered from here to the restart finds PostgreSQL down.
      const downFrom = answers.length;
      expect(await until(() => answers.length >= downFrom + 500, 30_000)).toBe(true);
      outage = answers.slice(downFrom);
      await cluster.restart();
      const before = drawn(answers);
      expect(await until(() => drawn(answers) >= before + 1_000, 60_000), 'draws after the restart').toBe(true);
    } finally {
      stop = true;
      await traffic;
    }

    expect(outage.filter((a) => a.status !== 503 || a.code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    const failed = answers.filter((a) => a.status >= 500 && a.code !== 'SERVICE_UNAVAILABLE');
    expect(failed, 'no 500 and no other 5xx at any time').toEqual([]);

    expect(await retryUnanswered(caller, answers), 'keys still unanswered').toEqual([]);
    expect(await checkBooks(caller, answers)).toEqual([]);
  });
});
