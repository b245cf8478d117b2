// A prize's name and names per language change after it is created, through the API and the
// console alike: tenant-scoped, hostile input refused with nothing changed, and players read the
// new names on their next request.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { GET as getPrizeRoute, PATCH as patchPrizeRoute } from '@/app/api/manage/prizes/[prizeId]/route';
import { GET as myWinsRoute } from '@/app/api/v1/me/wins/route';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { endUser, liveActivity } from '../helpers/activities';
import { bearer, callRoute, freshTenant, membersOfEachRole } from '../helpers/fixtures';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));
const { updatePrizeAction } = await import('@/app/(console)/t/[tenant]/prizes/actions');

const patch = (apiKey: string, prizeId: string, body: unknown) =>
  callRoute(patchPrizeRoute, { method: 'PATCH', headers: bearer(apiKey), params: { prizeId }, body: body as object });

describe('updating a prize', () => {
  it('renames it and sets its names per language; players read them', async () => {
    const { tenant, prizes, activity } = await liveActivity((p) => [
      { probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] },
    ]);
    const prizeId = prizes[0]!.id;
    await executeDraw(endUser(tenant, 'u'), activity.id, randomUUID());
    const res = await patch(tenant.apiKey, prizeId.toUpperCase(), {
      name: 'Travel mug',
      translations: { 'zh-CN': { name: '旅行杯' } },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ id: prizeId, name: 'Travel mug', translations: { 'zh-CN': { name: '旅行杯' } } });
    expect((await callRoute(getPrizeRoute, { headers: bearer(tenant.apiKey), params: { prizeId } })).json.name).toBe(
      'Travel mug',
    );
    const token = await tenant.userToken('u');
    const zh = await callRoute(myWinsRoute, { path: '/api/v1/me/wins?lang=zh-CN', headers: bearer(token) });
    expect(zh.json.wins[0].prize.name).toBe('旅行杯');
    const en = await callRoute(myWinsRoute, { path: '/api/v1/me/wins?lang=en', headers: bearer(token) });
    expect(en.json.wins[0].prize.name).toBe('Travel mug');
    expect(await db.auditLog.count({ where: { objectId: prizeId, action: 'prize.update' } })).toBe(1);
  });

  it('refuses another tenant, hostile input and an empty change, and changes nothing', async () => {
    const { tenant, prizes } = await liveActivity((p) => [
      { probability: 0.1, stock: 10, prizes: [{ prizeId: p[0]! }] },
    ]);
    const other = await freshTenant();
    const prizeId = prizes[0]!.id;
    const before = await db.prize.findUniqueOrThrow({ where: { id: prizeId } });
    expect((await patch(other.apiKey, prizeId, { name: 'Stolen' })).status).toBe(404);
    for (const body of [
      {},
      { name: '' },
      { name: 'a\u0000b' },
      { kind: 'coupon' },
      { valueMinor: 1 },
      { translations: { 'zh-CN': { name: 'x', extra: 1 } } },
      { translations: { 'not a tag!': { name: 'x' } } },
    ]) {
      const res = await patch(tenant.apiKey, prizeId, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await db.prize.findUniqueOrThrow({ where: { id: prizeId } })).toEqual(before);
  });

  it('the console action needs an operator of the tenant', async () => {
    const { tenant, prizes } = await liveActivity((p) => [
      { probability: 0.1, stock: 10, prizes: [{ prizeId: p[0]! }] },
    ]);
    const other = await freshTenant();
    const people = await membersOfEachRole(tenant.id);
    const prizeId = prizes[0]!.id;
    session.operatorId = people.ANALYST;
    expect(await updatePrizeAction(tenant.slug, prizeId, { name: 'By analyst' })).toMatchObject({ ok: false });
    session.operatorId = people.OPERATOR;
    expect(await updatePrizeAction(other.slug, prizeId, { name: 'Elsewhere' })).toMatchObject({ ok: false });
    expect((await db.prize.findUniqueOrThrow({ where: { id: prizeId } })).name).not.toMatch(/By analyst|Elsewhere/);
    const done = await updatePrizeAction(tenant.slug, prizeId, { name: 'Mug', translations: { en: { name: 'Mug' } } });
    expect(done).toMatchObject({ ok: true, data: { prize: { name: 'Mug', translations: { en: { name: 'Mug' } } } } });
  });
});
