import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { POST as claim } from '@/app/api/v1/wins/[winId]/claim/route';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { expireClaims } from '@/lib/fulfilment/expire-claims';
import { voidWin } from '@/lib/fulfilment/void-win';
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { createRedis } from '@/lib/redis';
import { endUser, liveActivity, testActor } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';

const redis = createRedis('worker');
afterAll(() => redis.quit());
const address = { name: 'Li Lei', phone: '+86 138 0000 0000', address: '1 Century Avenue, Shanghai' };

describe('claims and voids', () => {
  it('lets only the winner claim, validates the address, allows corrections until shipped', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 5, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { claimWindowHours: 48 } },
    );
    const won = await executeDraw(endUser(tenant, 'winner'), activity.id, randomUUID());
    const winId = won.winIds[0]!;
    const as = async (userId: string, body: object) =>
      callRoute(claim, { method: 'POST', headers: bearer(await tenant.userToken(userId)), params: { winId }, body });
    expect((await as('someone-else', address)).status).toBe(404);
    const bad = await as('winner', { ...address, phone: 'call me' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.issues[0].path).toBe('phone');
    const ok = await as('winner', address);
    expect(ok.json).toMatchObject({ status: 'CLAIMED', claim: { name: 'Li Lei' } });
    expect((await as('winner', { ...address, address: '2 Century Avenue, Shanghai' })).json.claim.address).toBe(
      '2 Century Avenue, Shanghai',
    );
    await db.win.update({ where: { id: winId }, data: { status: 'SHIPPED', shippedAt: new Date() } });
    expect((await as('winner', address)).status).toBe(409);
  });

  it('voids an unclaimed physical win past its window and returns its stock exactly once', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 5, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [20], overrides: { claimWindowHours: 1 } },
    );
    const won = await executeDraw(endUser(tenant, 'forgetful'), activity.id, randomUUID());
    const winId = won.winIds[0]!;
    const available = async () => (await db.prize.findUniqueOrThrow({ where: { id: prizes[0]!.id } })).availableStock;
    expect(await available()).toBe(15);
    expect(await expireClaims(Date.now(), { tenantId: tenant.id })).toBe(0);
    const later = Date.now() + 2 * 3600_000;
    const [a, b] = await Promise.all([
      expireClaims(later, { tenantId: tenant.id }),
      expireClaims(later, { tenantId: tenant.id }),
    ]);
    expect(a + b).toBe(1);
    expect(await expireClaims(later, { tenantId: tenant.id })).toBe(0);
    expect(await db.win.findUniqueOrThrow({ where: { id: winId } })).toMatchObject({
      status: 'VOID',
      voidReason: 'claim window expired',
    });
    expect(await available()).toBe(16);
    expect(await db.stockMovement.count({ where: { dedupeKey: `void:${winId}` } })).toBe(1);
    expect(await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } })).toMatchObject({
      reserved: 5,
      issued: 0,
      returned: 1,
    });
    expect(Number(await redis.hget(drawKeys(activity.id).issued, `p:${prizes[0]!.id}`))).toBe(0);
    // The claim window is shut, and the books still balance.
    expect(
      (
        await callRoute(claim, {
          method: 'POST',
          headers: bearer(await tenant.userToken('forgetful')),
          params: { winId },
          body: address,
        })
      ).status,
    ).toBe(409);
    expect(await reconcileActivity(activity.id)).toEqual([]);
    await expect(voidWin(tenant.id, testActor, { winId, reason: 'again' })).resolves.toEqual({ voided: false });
  });
});
