// End users cannot make the server rebuild an activity back to back: however many requests find
// its hot state missing, they start at most one rebuild per ACTIVITY_REBUILD_INTERVAL_SECONDS.
// Rebuilds are counted by the state generation each one bumps in PostgreSQL.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { POST as draw } from '@/app/api/v1/activities/[activityId]/draws/route';
import { resetConfigForTests } from '@/lib/config';
import { db } from '@/lib/db';
import { drawKeys } from '@/lib/draw/keys';
import { createRedis, requestRedis } from '@/lib/redis';
import { liveActivity } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';

// An interval longer than this test, so whatever happens inside it happens within one interval.
process.env.ACTIVITY_REBUILD_INTERVAL_SECONDS = '600';
resetConfigForTests();

const redis = createRedis('worker');
afterAll(() => redis.quit());

const REQUESTS = 50;

describe('rebuilds started by end users', () => {
  it('many requests against a fenced activity start one rebuild per interval', async () => {
    const tiers = (p: string[]) => [{ probability: 0.2, stock: 100, prizes: [{ prizeId: p[0]! }] }];
    const { tenant, activity } = await liveActivity(tiers, { overrides: { limits: { freeDrawsPerDay: 10 } } });
    const id = activity.id;
    const k = drawKeys(id);
    const tokens = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => tenant.userToken(`fenced-${i}`)));
    const drawAll = () =>
      Promise.all(
        tokens.map((token) => {
          const headers = { ...bearer(token), 'idempotency-key': randomUUID() };
          return callRoute(draw, { method: 'POST', headers, params: { activityId: id } });
        }),
      );
    const codes = async () => [...new Set((await drawAll()).map((r) => (r.status === 200 ? 'ok' : r.json.error.code)))];
    // A rebuild bumps the generation on the activity row first: held here, the rebuild the first
    // request starts cannot restore the state before the last request has found it missing, however
    // slowly the requests arrive.
    const codesWhileRowHeld = () =>
      db.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT id FROM "Activity" WHERE id = ${id}::uuid FOR UPDATE`;
          return codes();
        },
        { timeout: 60_000 },
      );
    const epoch = async () =>
      (await db.activity.findUniqueOrThrow({ where: { id }, select: { stateEpoch: true } })).stateEpoch;
    // The draws' own connection: a rebuild one of them started took its lock there before it
    // answered, so this sees that lock (or the rebuild is done) and waits for the rebuild to end.
    const shared = await requestRedis();
    const settle = async () => {
      for (let i = 0; i < 2_400 && (await shared.exists(k.rebuildLock)); i++) await sleep(25);
    };
    const loseState = () => redis.del(k.cfg, k.stock, k.issued);
    const before = await epoch();

    // The state is lost: the requests that find it missing start one rebuild.
    await loseState();
    expect(await codesWhileRowHeld()).toEqual(['ACTIVITY_REBUILDING']);
    await settle();
    expect(await epoch()).toBe(before + 1);
    expect(await redis.exists(k.cfg)).toBe(1);

    // Lost again, three times within the interval: every request is fenced, none rebuilds.
    for (let round = 0; round < 3; round++) {
      await loseState();
      expect(await codes()).toEqual(['ACTIVITY_REBUILDING']);
      await settle();
      expect(await epoch()).toBe(before + 1);
      expect(await redis.exists(k.cfg)).toBe(0);
    }

    // The interval is over: the next request starts one rebuild again, and the draws go on.
    await redis.del(k.rebuildThrottle);
    expect(await codesWhileRowHeld()).toEqual(['ACTIVITY_REBUILDING']);
    await settle();
    expect(await epoch()).toBe(before + 2);
    expect(await codes()).toEqual(['ok']);
  });
});
