import { describe, expect, it } from 'vitest';
import { POST as restock } from '@/app/api/manage/prizes/[prizeId]/restock/route';
import { POST as createPrize } from '@/app/api/manage/prizes/route';
import { db } from '@/lib/db';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

describe('POST /api/manage/prizes/{id}/restock', () => {
  it('moves the total pool up and down, never below 0 available, each change in the ledger and the audit log', async () => {
    const t = await freshTenant();
    const prize = (
      await callRoute(createPrize, {
        method: 'POST',
        headers: bearer(t.apiKey),
        body: { name: 'Cap', kind: 'physical', stock: 10 },
      })
    ).json;
    const call = (body: object, key = t.apiKey) =>
      callRoute(restock, { method: 'POST', headers: bearer(key), params: { prizeId: prize.id }, body });
    expect((await call({ quantity: 5, reason: 'new shipment' })).json.stock).toEqual({
      total: 15,
      available: 15,
      reserved: 0,
    });
    expect((await call({ quantity: -15 })).json.stock.available).toBe(0);
    const tooMuch = await call({ quantity: -1 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.json.error.code).toBe('INSUFFICIENT_STOCK');
    expect((await call({ quantity: 0 })).status).toBe(400);
    expect((await call({ quantity: 1.5 })).status).toBe(400);
    const other = await freshTenant();
    expect((await call({ quantity: 1 }, other.apiKey)).status).toBe(404);

    const ledger = await db.stockMovement.findMany({ where: { prizeId: prize.id }, orderBy: { id: 'asc' } });
    expect(ledger.map((m) => m.poolDelta)).toEqual([10, 5, -15]);
    expect(ledger.reduce((s, m) => s + m.poolDelta, 0)).toBe(
      (await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).availableStock,
    );
    expect(await db.auditLog.count({ where: { objectId: prize.id, action: 'prize.restock' } })).toBe(2);
  });

  it('keeps the pool whole under 40 concurrent changes', async () => {
    const t = await freshTenant();
    const prize = (
      await callRoute(createPrize, {
        method: 'POST',
        headers: bearer(t.apiKey),
        body: { name: 'Pin', kind: 'physical', stock: 20 },
      })
    ).json;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        callRoute(restock, {
          method: 'POST',
          headers: bearer(t.apiKey),
          params: { prizeId: prize.id },
          body: { quantity: i % 2 ? -3 : 2 },
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 200).length;
    for (const r of results) expect([200, 409]).toContain(r.status);
    const final = (await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).availableStock;
    const ledger = await db.stockMovement.aggregate({ where: { prizeId: prize.id }, _sum: { poolDelta: true } });
    expect(final).toBeGreaterThanOrEqual(0);
    expect(ledger._sum.poolDelta).toBe(final);
    expect(await db.stockMovement.count({ where: { prizeId: prize.id, kind: 'RESTOCK' } })).toBe(ok + 1);
  });
});
