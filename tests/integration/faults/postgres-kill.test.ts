// PostgreSQL killed (SIGKILL, the postmaster and every backend) and restarted while 200 draws
// are in flight and group commits are being written, on a private cluster (never the shared
// server): while it is down the draws answer 503 SERVICE_UNAVAILABLE, never 500; once it is
// back, a retry with the same key gets the one draw it made, and the books balance. A task
// completion (its own raw transaction, lib/db.ts pgTransaction) answers 503 too, and grants once
// when it is back.
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

const { POST: complete } = await import('@/app/api/v1/activities/[activityId]/tasks/[taskId]/complete/route');
const { db } = await import('@/lib/db');
const { drawKeys } = await import('@/lib/draw/keys');
const { requestRedis } = await import('@/lib/redis');
const { liveActivity } = await import('../../helpers/activities');
const { bearer, callRoute } = await import('../../helpers/fixtures');

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

  it('a task completion answers 503 while it is down, never 500, and grants once when it is back', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.2, stock: 10, prizes: [{ prizeId: p[0]! }] }],
      {
        overrides: { tasks: [{ kind: 'sign_in', name: 'Check-in', chances: 2, perDay: 1 }] },
      },
    );
    const { id: taskId } = await db.task.findFirstOrThrow({ where: { activityId: activity.id }, select: { id: true } });
    const token = await tenant.userToken('kim');
    const signIn = () =>
      callRoute(complete, { method: 'POST', headers: bearer(token), params: { activityId: activity.id, taskId } });

    await cluster.kill();
    const down = await Promise.all(Array.from({ length: 5 }, signIn));
    expect(down.map((r) => [r.status, r.json.error?.code])).toEqual(down.map(() => [503, 'SERVICE_UNAVAILABLE']));

    await cluster.restart();
    let answer = await signIn();
    for (let i = 0; i < 50 && answer.status === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await signIn();
    }
    expect(answer.status).toBe(200);
    expect((await signIn()).json.error?.code).toBe('TASK_CAP_REACHED');
    expect(await db.chanceGrant.count({ where: { activityId: activity.id, userId: 'kim' } })).toBe(1);
    const redis = await requestRedis();
    expect(Number(await redis.hget(drawKeys(activity.id).user('kim'), 'granted'))).toBe(2);
  });
});
