// Live adds and releases of an activity pool while 2,000 draws run: no unit lost or created.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { POST as poolStock } from '@/app/api/manage/activities/[id]/stock/route';
import { db } from '@/lib/db';
import { drainDrawLog } from '@/lib/draw/drain-draw-log';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { changePoolStock } from '@/lib/inventory/change-pool-stock';
import { createRedis } from '@/lib/redis';
import { endUser, liveActivity, testActor } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

const redis = createRedis('worker');
afterAll(() => redis.quit());

describe('live pool stock changes', () => {
  it('keep reserved = issued + left + returned through 2,000 concurrent draws with adds and releases mixed in', async () => {
    // Publish reserves 400 of the prize's 1,000; the loop moves units in and out of the pool
    // while the draws (wanting ~1,200 wins) empty it.
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 0.6, stock: 400, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [1_000] },
    );
    const prizeId = prizes[0]!.id;
    const k = drawKeys(activity.id);
    let stop = false;
    let minLeft = Infinity;
    const changes = (async () => {
      const results: number[] = [];
      for (let i = 0; !stop; i++) {
        const quantity = i % 3 === 2 ? -7 : 5;
        try {
          await changePoolStock(tenant.id, testActor, activity.id, { prizeId, quantity });
          results.push(quantity);
        } catch (err) {
          expect((err as { code?: string }).code).toBe('INSUFFICIENT_STOCK');
        }
        minLeft = Math.min(minLeft, Number(await redis.hget(k.stock, `p:${prizeId}`)));
        await sleep(5);
      }
      return results;
    })();
    const draws = await Promise.all(
      Array.from({ length: 2_000 }, (_, i) => executeDraw(endUser(tenant, `u${i}`), activity.id, randomUUID())),
    );
    stop = true;
    await changes;
    await drainDrawLog(redis, activity.id);

    expect(minLeft).toBeGreaterThanOrEqual(0);
    const wins = draws.filter((d) => d.outcome === 'win').length;
    const pool = await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id, prizeId } });
    const left = Number(await redis.hget(k.stock, `p:${prizeId}`));
    expect(await db.win.count({ where: { activityId: activity.id } })).toBe(wins);
    expect(pool.issued).toBe(wins);
    expect(pool.reserved).toBe(pool.issued + left + pool.returned);
    const ledger = await db.stockMovement.aggregate({
      where: { activityId: activity.id, prizeId },
      _sum: { activityDelta: true },
    });
    expect(ledger._sum.activityDelta).toBe(pool.reserved);
    const total = await db.stockMovement.aggregate({ where: { prizeId }, _sum: { poolDelta: true } });
    expect(total._sum.poolDelta).toBe((await db.prize.findUniqueOrThrow({ where: { id: prizeId } })).availableStock);
    // Nothing created or lost: what the prize ever had = free + held by the pool + won.
    expect(
      (await db.prize.findUniqueOrThrow({ where: { id: prizeId } })).availableStock + pool.reserved - pool.returned,
    ).toBe(1_000);
  });

  it('refuses a release of more than is left, and answers 404 to another tenant', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 10, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [50] },
    );
    const call = (body: object, key = tenant.apiKey) =>
      callRoute(poolStock, { method: 'POST', headers: bearer(key), params: { id: activity.id }, body });
    const tooMuch = await call({ prizeId: prizes[0]!.id, quantity: -11 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.json.error.code).toBe('INSUFFICIENT_STOCK');
    expect((await call({ prizeId: prizes[0]!.id, quantity: 41 })).json.error.code).toBe('INSUFFICIENT_STOCK');
    expect((await call({ prizeId: prizes[0]!.id, quantity: 40, reason: 'more mugs' })).json).toMatchObject({
      reserved: 50,
    });
    expect((await call({ prizeId: prizes[0]!.id, quantity: -50 })).json).toMatchObject({ reserved: 0 });
    expect((await call({ prizeId: prizes[0]!.id, quantity: 1 }, (await freshTenant()).apiKey)).status).toBe(404);
    expect(
      await db.auditLog.count({ where: { tenantId: tenant.id, action: { in: ['pool.add', 'pool.release'] } } }),
    ).toBe(2);
  });
});
