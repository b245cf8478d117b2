// 20 activities reserve from one prize's pool at once while live adds and releases run on
// the ones already published: the pool never goes negative, Σ reserved never exceeds what
// the prize has, and the ledger sums to every pool.
import { describe, expect, it } from 'vitest';
import { createActivity } from '@/lib/activities/create-activity';
import { publishActivity } from '@/lib/activities/publish-activity';
import { db } from '@/lib/db';
import type { AppError } from '@/lib/errors';
import { changePoolStock } from '@/lib/inventory/change-pool-stock';
import { createPrizes, specFor, testActor } from '../helpers/activities';
import { freshTenant } from '../helpers/fixtures';

describe('one prize pool, many activities', () => {
  it('holds its invariants while 20 publish and live adds and releases interleave', async () => {
    const t = await freshTenant();
    const [prize] = await createPrizes(t.id, [1_000]);
    const prizeId = prize!.id;
    const drafts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createActivity(t.id, testActor, specFor([{ probability: 0.1, stock: 60 + i, prizes: [{ prizeId }] }])),
      ),
    );
    let published: string[] = [];
    let minAvailable = Infinity;
    const watch = setInterval(
      () =>
        void db.prize
          .findUniqueOrThrow({ where: { id: prizeId } })
          .then((p) => (minAvailable = Math.min(minAvailable, p.availableStock))),
      5,
    );
    const mixer = (async () => {
      for (let i = 0; i < 60; i++) {
        const target = published[i % Math.max(1, published.length)];
        if (target) {
          await changePoolStock(t.id, testActor, target, { prizeId, quantity: i % 2 ? -4 : 6 }).catch(
            (err: AppError) => {
              expect(['INSUFFICIENT_STOCK', 'CONFLICT']).toContain(err.code);
            },
          );
        }
        await new Promise((r) => setTimeout(r, 3));
      }
    })();
    const results = await Promise.allSettled(
      drafts.map(async (d) => {
        await publishActivity(t.id, testActor, d.id);
        published = [...published, d.id];
      }),
    );
    await mixer;
    clearInterval(watch);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('INSUFFICIENT_STOCK');

    const prizeRow = await db.prize.findUniqueOrThrow({ where: { id: prizeId } });
    const pools = await db.activityStock.findMany({ where: { prizeId } });
    expect(minAvailable).toBeGreaterThanOrEqual(0);
    expect(prizeRow.availableStock).toBeGreaterThanOrEqual(0);
    expect(pools.reduce((s, p) => s + p.reserved, 0) + prizeRow.availableStock).toBe(1_000);
    for (const pool of pools) {
      const ledger = await db.stockMovement.aggregate({
        where: { activityId: pool.activityId, prizeId },
        _sum: { activityDelta: true },
      });
      expect(ledger._sum.activityDelta).toBe(pool.reserved);
    }
    expect((await db.stockMovement.aggregate({ where: { prizeId }, _sum: { poolDelta: true } }))._sum.poolDelta).toBe(
      prizeRow.availableStock,
    );
  });
});
