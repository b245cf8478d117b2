// The stock ledger's writer (lib/inventory/move-stock.ts) keeps its invariants by its version
// checks alone: here no Redis lock is taken, and many writers, each in its own transaction on
// its own connection, race on one prize and on one activity pool.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '@/generated/prisma/client';
import { createActivity } from '@/lib/activities/create-activity';
import { publishActivity } from '@/lib/activities/publish-activity';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { moveStock, type StockMove } from '@/lib/inventory/move-stock';
import { createPrizes, specFor, testActor } from '../helpers/activities';
import { freshTenant } from '../helpers/fixtures';

// Four clients of four connections each: sixteen transactions can be open at once.
const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 }));
const clients = pools.map((p) => new PrismaClient({ adapter: new PrismaPg(p) }));
afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()));
  await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
});

/** Each move on the next client, all at once; what each one answered. */
async function race(moves: StockMove[]) {
  // Writers queue on the rows they race for: each may wait for a connection and for the others.
  const wait = { maxWait: 60_000, timeout: 60_000 };
  const results = await Promise.allSettled(
    moves.map((m, i) => clients[i % clients.length]!.$transaction((tx) => moveStock(tx, m), wait)),
  );
  for (const r of results) {
    if (r.status === 'rejected') expect(['INSUFFICIENT_STOCK', 'CONFLICT']).toContain((r.reason as AppError).code);
  }
  return results.filter((r) => r.status === 'fulfilled').length;
}

async function publishedPools(tenantId: string, prizeId: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const draft = await createActivity(
      tenantId,
      testActor,
      specFor([{ probability: 0, stock: 1, prizes: [{ prizeId }] }]),
    );
    ids.push((await publishActivity(tenantId, testActor, draft.id)).id);
  }
  return ids;
}

describe('moveStock without the prize lock', () => {
  it('never reserves more than the prize has when 40 writers race to reserve from it', async () => {
    const t = await freshTenant();
    const [prize] = await createPrizes(t.id, [100]);
    const prizeId = prize!.id;
    const [a, b] = await publishedPools(t.id, prizeId, 2); // 1 unit each: 98 left
    const reserve = (activityId: string): StockMove => ({
      tenantId: t.id,
      prizeId,
      activityId,
      kind: 'RESERVE',
      poolDelta: -7,
      activityDelta: 7,
      actor: testActor,
      reason: 'race',
    });
    const made = await race(Array.from({ length: 40 }, (_, i) => reserve(i % 2 ? a! : b!)));

    const available = (await db.prize.findUniqueOrThrow({ where: { id: prizeId } })).availableStock;
    const pools = await db.activityStock.findMany({ where: { prizeId } });
    const reserved = pools.reduce((s, p) => s + p.reserved, 0);
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThanOrEqual(14); // 98 / 7
    expect(reserved).toBe(2 + made * 7);
    expect(available).toBe(98 - made * 7);
    expect(available + reserved).toBe(100);
    // The ledger says the same.
    expect((await db.stockMovement.aggregate({ where: { prizeId }, _sum: { poolDelta: true } }))._sum.poolDelta).toBe(
      available,
    );
    for (const pool of pools) {
      const ledger = await db.stockMovement.aggregate({
        where: { activityId: pool.activityId, prizeId },
        _sum: { activityDelta: true },
      });
      expect(ledger._sum.activityDelta).toBe(pool.reserved);
    }
  });

  it('never issues more than one activity pool holds when 30 writers race on it', async () => {
    const t = await freshTenant();
    const [prize] = await createPrizes(t.id, [100]);
    const prizeId = prize!.id;
    const [activityId] = await publishedPools(t.id, prizeId, 1);
    await db.$transaction((tx) =>
      moveStock(tx, {
        tenantId: t.id,
        prizeId,
        activityId,
        kind: 'RESERVE',
        poolDelta: -9,
        activityDelta: 9,
        actor: testActor,
        reason: 'ten in all',
      }),
    );
    // Only the pool's row moves: no prize row for the writers to queue on.
    const issue: StockMove = {
      tenantId: t.id,
      prizeId,
      activityId,
      kind: 'ISSUE',
      issuedDelta: 1,
      actor: testActor,
      reason: 'race',
    };
    const made = await race(Array.from({ length: 30 }, () => issue));

    const pool = await db.activityStock.findFirstOrThrow({ where: { activityId, prizeId } });
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThanOrEqual(10);
    expect(pool.issued).toBe(made);
    expect(pool.issued + pool.returned).toBeLessThanOrEqual(pool.reserved);
    const ledger = await db.stockMovement.aggregate({ where: { activityId, prizeId }, _sum: { issuedDelta: true } });
    expect(ledger._sum.issuedDelta).toBe(pool.issued);
  });
});
