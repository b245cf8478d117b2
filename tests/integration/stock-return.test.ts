import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { returnOnePool, returnUnusedStock } from '@/lib/inventory/return-unused-stock';
import { drainDrawLog } from '@/lib/draw/drain-draw-log';
import { createRedis } from '@/lib/redis';
import { endUser, liveActivity } from '../helpers/activities';

const redis = createRedis('worker');
afterAll(() => redis.quit());

describe("returning an ended activity's unused stock", () => {
  it('happens exactly once, whether run twice or five times at once', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 30, prizes: [{ prizeId: p[0]! }, { prizeId: p[1]!, quantity: 2 }] }],
      { stocks: [100, 100] },
    );
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => executeDraw(endUser(tenant, `u${i}`), activity.id, randomUUID())),
    );
    // Ended without the inline return (as the lifecycle job leaves it for the settle job).
    await db.activity.update({ where: { id: activity.id }, data: { status: 'ENDED' } });
    const results = await Promise.all(Array.from({ length: 5 }, () => returnUnusedStock(activity.id)));
    await returnUnusedStock(activity.id);
    expect(results.flat().filter((r) => !r.alreadyReturned)).toHaveLength(2);
    for (const prize of prizes) {
      const issued =
        (await db.win.aggregate({ where: { activityId: activity.id, prizeId: prize.id }, _sum: { quantity: true } }))
          ._sum.quantity ?? 0;
      const pool = await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id, prizeId: prize.id } });
      expect(pool.reserved).toBe(pool.issued + pool.returned);
      expect(pool.issued).toBe(issued);
      expect((await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).availableStock).toBe(100 - issued);
      expect(
        await db.stockMovement.count({ where: { activityId: activity.id, prizeId: prize.id, kind: 'RETURN' } }),
      ).toBe(1);
    }
  });
});

describe('a stock return killed between pools', () => {
  it('finishes the rest when retried, and returns each pool once', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 10, prizes: [{ prizeId: p[0]! }, { prizeId: p[1]! }] }],
      { stocks: [50, 50] },
    );
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => executeDraw(endUser(tenant, `u${i}`), activity.id, randomUUID())),
    );
    await db.activity.update({ where: { id: activity.id }, data: { status: 'ENDED' } });
    await drainDrawLog(redis, activity.id);
    // The first run got through one pool before it died.
    const [first, second] = [...prizes].sort((a, b) => a.id.localeCompare(b.id));
    await returnOnePool(tenant.id, activity.id, first!.id);
    const retried = await returnUnusedStock(activity.id);
    expect(retried.find((r) => r.prizeId === first!.id)!.alreadyReturned).toBe(true);
    expect(retried.find((r) => r.prizeId === second!.id)!.alreadyReturned).toBe(false);
    for (const prize of prizes) {
      expect(
        await db.stockMovement.count({ where: { activityId: activity.id, prizeId: prize.id, kind: 'RETURN' } }),
      ).toBe(1);
      const pool = await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id, prizeId: prize.id } });
      expect(pool.reserved).toBe(pool.issued + pool.returned);
    }
  });
});
