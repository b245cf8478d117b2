import { describe, expect, it } from 'vitest';
import { GET as getPrize } from '@/app/api/manage/prizes/[prizeId]/route';
import { GET as listPrizes, POST as createPrize } from '@/app/api/manage/prizes/route';
import { revokeApiKey } from '@/lib/auth/api-keys';
import { db } from '@/lib/db';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

describe('management API keys', () => {
  it('answer 401 for a missing, malformed, unknown or revoked key', async () => {
    const t = await freshTenant();
    const cases: Record<string, string>[] = [
      {},
      { authorization: 'Basic abc' },
      bearer('lk_not-a-real-key'),
      bearer('nonsense'),
    ];
    for (const headers of cases) {
      const res = await callRoute(listPrizes, { headers });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('UNAUTHORIZED');
    }
    expect((await callRoute(listPrizes, { headers: bearer(t.apiKey) })).status).toBe(200);
    await revokeApiKey(t.id, { type: 'SYSTEM', id: 'test' }, t.apiKeyId);
    const revoked = await callRoute(listPrizes, { headers: bearer(t.apiKey) });
    expect(revoked.status).toBe(401);
  });

  it("show a tenant its own prizes and answer 404 for another tenant's", async () => {
    const a = await freshTenant();
    const b = await freshTenant();
    const created = await callRoute(createPrize, {
      method: 'POST',
      headers: bearer(b.apiKey),
      body: { name: 'B mug', kind: 'physical', value: 12.5, stock: 7 },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'B mug',
      kind: 'physical',
      value: 12.5,
      stock: { total: 7, available: 7, reserved: 0 },
    });
    const prizeId = created.json.id;

    expect((await callRoute(getPrize, { headers: bearer(b.apiKey), params: { prizeId } })).status).toBe(200);
    const foreign = await callRoute(getPrize, { headers: bearer(a.apiKey), params: { prizeId } });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe('NOT_FOUND');
    const listA = await callRoute(listPrizes, { headers: bearer(a.apiKey) });
    expect(listA.json.items).toEqual([]);
    const listB = await callRoute(listPrizes, { headers: bearer(b.apiKey) });
    expect(listB.json.items.map((p: { id: string }) => p.id)).toEqual([prizeId]);
  });

  it('are stored only as digests, record their last use, and write the initial stock to the ledger', async () => {
    const t = await freshTenant();
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: t.apiKeyId } });
    expect(row.keyHash).not.toContain(t.apiKey);
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.lastUsedAt).toBeNull();
    const created = await callRoute(createPrize, {
      method: 'POST',
      headers: bearer(t.apiKey),
      body: { name: 'Pen', kind: 'points', stock: 3 },
    });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: t.apiKeyId } })).lastUsedAt).toBeInstanceOf(Date);
    const movements = await db.stockMovement.findMany({ where: { prizeId: created.json.id } });
    expect(movements).toMatchObject([{ kind: 'RESTOCK', poolDelta: 3, actorType: 'API_KEY', actorId: t.apiKeyId }]);
    const audit = await db.auditLog.findMany({ where: { tenantId: t.id, objectId: created.json.id } });
    expect(audit).toMatchObject([{ action: 'prize.create', actorType: 'API_KEY' }]);
  });
});
