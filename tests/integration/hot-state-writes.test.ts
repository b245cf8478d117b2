// A change to a published activity that finds no hot state in Redis is never dropped: the
// records keep it and the state is rebuilt from them before the request answers; and a change
// committed while a rebuild is reading the records makes that rebuild read them again.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { POST as draw } from '@/app/api/v1/activities/[activityId]/draws/route';
import { POST as completeTask } from '@/app/api/v1/activities/[activityId]/tasks/[taskId]/complete/route';
import { PATCH as patchPeriod } from '@/app/api/manage/activities/[id]/route';
import { POST as end } from '@/app/api/manage/activities/[id]/end/route';
import { POST as pause } from '@/app/api/manage/activities/[id]/pause/route';
import { POST as resume } from '@/app/api/manage/activities/[id]/resume/route';
import { POST as poolStock } from '@/app/api/manage/activities/[id]/stock/route';
import { PATCH as patchTier } from '@/app/api/manage/activities/[id]/tiers/[tierId]/route';
import { db } from '@/lib/db';
import { loadActivitySnapshot, showActivityState, writeActivityCounts } from '@/lib/draw/activity-state';
import { drawKeys } from '@/lib/draw/keys';
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { releaseLock, tryAcquireLock } from '@/lib/locks/redis-lock';
import { createRedis } from '@/lib/redis';
import { liveActivity } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';

const redis = createRedis('worker');
afterAll(() => redis.quit());

type Route = Parameters<typeof callRoute>[0];
type Call = { method?: string; body?: object };
const call = (route: Route, token: string, params: Record<string, string>, { method = 'POST', body }: Call = {}) =>
  callRoute(route, { method, headers: bearer(token), params, ...(body ? { body } : {}) });
const drawAs = (token: string, activityId: string) => {
  const headers = { ...bearer(token), 'idempotency-key': randomUUID() };
  return callRoute(draw, { method: 'POST', headers, params: { activityId } });
};
const outcome = async (token: string, activityId: string) => {
  const res = await drawAs(token, activityId);
  return res.status === 200 ? res.json.outcome : res.json.error.code;
};

/** Redis loses the activity's state (a flush, a restart without persistence). */
const loseState = (activityId: string) => {
  const k = drawKeys(activityId);
  return redis.del(k.cfg, k.stock, k.issued);
};

describe('a change that finds no hot state', () => {
  it('stands in the records and is live when it answers: pause, resume, odds, stock, pools, period, end', async () => {
    const tiers = (p: string[]) => [{ probability: 0, stock: 100, prizes: [{ prizeId: p[0]! }] }];
    const { tenant, prizes, activity } = await liveActivity(tiers, {
      stocks: [200],
      overrides: { limits: { freeDrawsPerDay: 100, maxDrawsPerDay: 100 } },
    });
    const id = activity.id;
    const tierId = activity.tiers[0]!.id;
    const prizeId = prizes[0]!.id;
    const k = drawKeys(id);
    const token = await tenant.userToken('player');
    const ok = (res: Awaited<ReturnType<typeof call>>) => expect(res.status, JSON.stringify(res.json)).toBe(200);

    await loseState(id);
    ok(await call(pause, tenant.apiKey, { id }));
    expect(await redis.hget(k.cfg, 'status')).toBe('PAUSED');
    expect(await outcome(token, id)).toBe('ACTIVITY_NOT_LIVE');

    await loseState(id);
    ok(await call(resume, tenant.apiKey, { id }));
    expect(await outcome(token, id)).toBe('lose');

    await loseState(id);
    ok(await call(patchTier, tenant.apiKey, { id, tierId }, { method: 'PATCH', body: { probability: 1 } }));
    expect(JSON.parse((await redis.hget(k.cfg, 'tiers'))!)[0].p).toBe(1_000_000);
    expect(await outcome(token, id)).toBe('win');

    await loseState(id);
    ok(await call(patchTier, tenant.apiKey, { id, tierId }, { method: 'PATCH', body: { stock: 60 } }));
    expect(Number(await redis.hget(k.stock, `t:${tierId}`))).toBe(60 - 1);

    await loseState(id);
    ok(await call(poolStock, tenant.apiKey, { id }, { body: { prizeId, quantity: 40 } }));
    expect(Number(await redis.hget(k.stock, `p:${prizeId}`))).toBe(100 + 40 - 1);
    await loseState(id);
    ok(await call(poolStock, tenant.apiKey, { id }, { body: { prizeId, quantity: -30 } }));
    expect(Number(await redis.hget(k.stock, `p:${prizeId}`))).toBe(100 + 40 - 30 - 1);

    await loseState(id);
    const endsAt = new Date(Date.now() + 5 * 86_400_000);
    endsAt.setUTCMilliseconds(0);
    ok(await call(patchPeriod, tenant.apiKey, { id }, { method: 'PATCH', body: { endsAt: endsAt.toISOString() } }));
    expect(Number(await redis.hget(k.cfg, 'endsAt'))).toBe(endsAt.getTime());
    expect(await reconcileActivity(id)).toEqual([]);

    await loseState(id);
    ok(await call(end, tenant.apiKey, { id }));
    expect(await outcome(token, id)).toBe('ACTIVITY_NOT_LIVE');
    const poolKey = { activityId_prizeId: { activityId: id, prizeId } };
    const pool = await db.activityStock.findUniqueOrThrow({ where: poolKey });
    expect(pool).toMatchObject({ reserved: 110, issued: 1, returned: 109 });
    expect(await reconcileActivity(id)).toEqual([]);
  });

  for (const change of ['a pause', 'a grant'] as const) {
    it(`made while a rebuild reads the records, makes that rebuild read them again: ${change}`, async () => {
      const tiers = (p: string[]) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }];
      const { tenant, activity } = await liveActivity(tiers, {
        overrides: {
          limits: { freeDrawsPerDay: 1 },
          tasks: [{ kind: 'sign_in', name: 'Check in', chances: 2, perDay: 1 }],
        },
      });
      const id = activity.id;
      const k = drawKeys(id);
      const token = await tenant.userToken('earner');
      await loseState(id);

      // A rebuild is under way: it holds the lock, bumped the generation, read the records and
      // wrote its counts, but has not shown its state yet...
      const lock = (await tryAcquireLock(redis, k.rebuildLock, 60_000))!;
      await redis.del(k.changedWhileMissing);
      await db.activity.update({ where: { id }, data: { stateEpoch: { increment: 1 } } });
      const stale = (await loadActivitySnapshot(id))!;
      await writeActivityCounts(redis, stale, { byTier: new Map(), byPrize: new Map() });
      // ...when the change is committed.
      const res =
        change === 'a pause'
          ? await call(pause, tenant.apiKey, { id })
          : await call(completeTask, token, { activityId: id, taskId: activity.tasks[0]!.id });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      // The rebuild's state, read before it, is not shown.
      expect(await showActivityState(redis, stale, 0)).toBe(false);
      expect(await redis.exists(k.cfg)).toBe(0);
      await releaseLock(redis, lock);

      // The next rebuild reads the records as they are now.
      expect(await outcome(token, id)).toBe('ACTIVITY_REBUILDING');
      for (let i = 0; i < 200 && !(await redis.exists(k.cfg)); i++) await sleep(25);
      if (change === 'a pause') {
        expect(await redis.hget(k.cfg, 'status')).toBe('PAUSED');
        expect(await outcome(token, id)).toBe('ACTIVITY_NOT_LIVE');
      } else {
        expect(Number(await redis.hget(k.user('earner'), 'granted'))).toBe(2);
        for (let i = 0; i < 3; i++) expect(['win', 'lose']).toContain(await outcome(token, id));
        expect(await outcome(token, id)).toBe('NO_CHANCES');
      }
    });
  }
});
