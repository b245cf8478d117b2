// A void moves a pool's issued count in PostgreSQL first and Redis's after; the draw-log worker
// copies Redis's count to PostgreSQL. A copy made between the two steps must not land the count
// Redis had before the void over the row the void wrote: the pool would then say more units
// issued than Redis counts (reconciliation's `stock.issued-rows`).
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { writeBackIssued } from '@/lib/draw/write-back-issued';
import { voidWin } from '@/lib/fulfilment/void-win';
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { prizeLockKey } from '@/lib/locks/prize-lock';
import { createRedis, requestRedis } from '@/lib/redis';
import { endUser, liveActivity, testActor } from '../helpers/activities';
import { waitFor } from '../helpers/workers';

const redis = createRedis('worker');
afterAll(() => redis.quit());

describe('a void while the issued count is written back', () => {
  it('never leaves the pool counting more units issued than Redis', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 5, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [5] },
    );
    for (let i = 0; i < 3; i++) await executeDraw(endUser(tenant, `u${i}`), activity.id, randomUUID());
    const win = await db.win.findFirstOrThrow({ where: { activityId: activity.id } });
    const prizeId = prizes[0]!.id;
    const issuedInRedis = async () => Number(await redis.hget(drawKeys(activity.id).issued, `p:${prizeId}`));
    expect(await issuedInRedis()).toBe(3);

    // The void's Redis steps (this process's request connection) wait behind a blocking read
    // sent once it holds the prize's lock: its PostgreSQL commit lands, its Redis step does not yet.
    const voiding = voidWin(tenant.id, testActor, { winId: win.id, reason: 'test' });
    await waitFor(() => redis.exists(prizeLockKey(prizeId)), Boolean, 5_000, 1);
    const held = (await requestRedis()).blpop(`${activity.id}:never`, 0.8);
    const committed = await waitFor(
      async () => (await db.win.findUniqueOrThrow({ where: { id: win.id } })).status,
      (s) => s === 'VOID',
      5_000,
      1,
    );
    expect(committed).toBe('VOID');
    expect(await issuedInRedis()).toBe(3);
    await writeBackIssued(redis, activity.id);
    await Promise.all([voiding, held]);

    expect(await issuedInRedis()).toBe(2);
    const pool = await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } });
    expect(pool.issued).toBeLessThanOrEqual(2);
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });
});
