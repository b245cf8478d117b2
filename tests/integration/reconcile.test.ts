import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { drainDrawLog } from '@/lib/draw/drain-draw-log';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { changePoolStock } from '@/lib/inventory/change-pool-stock';
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { createRedis } from '@/lib/redis';
import { endUser, liveActivity, testActor } from '../helpers/activities';

const redis = createRedis('worker');
afterAll(() => redis.quit());

describe('reconciliation', () => {
  it('finds nothing on a clean system, even right after draws and stock changes', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }, { prizeId: p[1]!, quantity: 2 }] }],
      { stocks: [300, 300] },
    );
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => executeDraw(endUser(tenant, `u${i}`), activity.id, randomUUID())),
    );
    await changePoolStock(tenant.id, testActor, activity.id, { prizeId: prizes[0]!.id, quantity: 20 });
    await changePoolStock(tenant.id, testActor, activity.id, { prizeId: prizes[1]!.id, quantity: -5 });
    expect(await reconcileActivity(activity.id)).toEqual([]);
    await drainDrawLog(redis, activity.id);
    expect(await reconcileActivity(activity.id)).toEqual([]);
    expect(await db.alert.count({ where: { activityId: activity.id } })).toBe(0);
  });

  it('raises exactly one alert for a Redis counter changed by hand, and a critical one for over-issue', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [10] },
    );
    await executeDraw(endUser(tenant, 'a'), activity.id, randomUUID());
    await redis.hincrby(drawKeys(activity.id).stock, `p:${prizes[0]!.id}`, 5);
    const drifts = await reconcileActivity(activity.id);
    expect(drifts.map((d) => d.kind)).toEqual(['hot-state']);
    await reconcileActivity(activity.id);
    const alerts = await db.alert.findMany({ where: { activityId: activity.id } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'stock.hot-state', severity: 'WARNING', tenantId: tenant.id });

    // More Win rows than the pool ever held: over-issue, critical.
    const draw = await db.draw.findFirstOrThrow({ where: { activityId: activity.id } });
    for (let i = 0; i < 11; i++) {
      const extra = await db.draw.create({
        data: {
          id: randomUUID(),
          tenantId: tenant.id,
          activityId: activity.id,
          userId: `ghost${i}`,
          idempotencyKey: randomUUID(),
          outcome: 'WIN',
          tierId: draw.tierId,
          chanceKind: 'FREE',
          chancesLeft: 0,
          createdAt: new Date(),
        },
      });
      await db.win.create({
        data: {
          id: randomUUID(),
          tenantId: tenant.id,
          activityId: activity.id,
          drawId: extra.id,
          tierId: draw.tierId!,
          prizeId: prizes[0]!.id,
          userId: `ghost${i}`,
          quantity: 1,
          status: 'DELIVERED',
          createdAt: new Date(),
        },
      });
    }
    const again = await reconcileActivity(activity.id);
    expect(again.map((d) => d.kind)).toContain('over-issue');
    expect(await db.alert.count({ where: { activityId: activity.id, severity: 'CRITICAL' } })).toBe(1);
  });
});

describe('reconciling issued counts with the Win rows', () => {
  it('raises nothing while draws are in flight, and once settled everything agrees', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 80, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [100] },
    );
    const draws = Promise.all(
      Array.from({ length: 200 }, (_, i) => executeDraw(endUser(tenant, `f${i}`), activity.id, randomUUID())),
    );
    const during = [];
    for (let i = 0; i < 5; i++) during.push(...(await reconcileActivity(activity.id)));
    await draws;
    await drainDrawLog(redis, activity.id);
    expect([...during, ...(await reconcileActivity(activity.id))]).toEqual([]);
  });

  it('finds a win that Redis counted but the records lost, once', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [10] },
    );
    for (const u of ['a', 'b', 'c']) await executeDraw(endUser(tenant, u), activity.id, randomUUID());
    expect(await reconcileActivity(activity.id)).toEqual([]);
    const lost = await db.win.findFirstOrThrow({ where: { activityId: activity.id } });
    await db.win.delete({ where: { id: lost.id } });
    const drifts = await reconcileActivity(activity.id);
    expect(drifts).toMatchObject([{ kind: 'issued-rows', details: { won: 2, redisIssued: 3 } }]);
    await reconcileActivity(activity.id);
    expect(await db.alert.count({ where: { activityId: activity.id, kind: 'stock.issued-rows' } })).toBe(1);
  });
});

describe('the over-issue alarm', () => {
  it('goes off at the write-back, at once, when Redis says more was issued than the pool holds', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 3, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [3] },
    );
    await executeDraw(endUser(tenant, 'a'), activity.id, randomUUID());
    await redis.hset(drawKeys(activity.id).issued, `p:${prizes[0]!.id}`, 9);
    await drainDrawLog(redis, activity.id);
    const alert = await db.alert.findFirstOrThrow({ where: { activityId: activity.id } });
    expect(alert).toMatchObject({ kind: 'stock.over-issue', severity: 'CRITICAL' });
    expect(
      (await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } })).issued,
    ).toBeLessThanOrEqual(3);
  });
});
