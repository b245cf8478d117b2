// Coupon pools: a coupon prize's stock is its codes, each unit won takes one inside the draw, and
// no code is ever issued twice (API.md: POST /api/manage/prizes/{prizeId}/codes).
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { POST as addCodesRoute } from '@/app/api/manage/prizes/[prizeId]/codes/route';
import { POST as restockRoute } from '@/app/api/manage/prizes/[prizeId]/restock/route';
import { POST as createPrizeRoute } from '@/app/api/manage/prizes/route';
import { GET as myWinsRoute } from '@/app/api/v1/me/wins/route';
import { createActivity } from '@/lib/activities/create-activity';
import { changeActivityStatus } from '@/lib/activities/change-status';
import { publishActivity } from '@/lib/activities/publish-activity';
import { settleActivity } from '@/lib/activities/settle-activity';
import { db } from '@/lib/db';
import { drainDrawLog } from '@/lib/draw/drain-draw-log';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { voidWinByOperator } from '@/lib/fulfilment/void-win-by-operator';
import { approveHeldWin } from '@/lib/fulfilment/review-held-win';
import { listUserWins } from '@/lib/fulfilment/list-user-wins';
import { createPrize } from '@/lib/prizes/create-prize';
import { addPrizeCodes } from '@/lib/prizes/add-prize-codes';
import { createRedis } from '@/lib/redis';
import { endUser, specFor, testActor } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

const redis = createRedis('worker');
afterAll(() => redis.quit());

type Tenant = Awaited<ReturnType<typeof freshTenant>>;

async function couponPrize(t: Tenant, codes: string[]) {
  const prize = await createPrize(t.id, testActor, { name: 'Coupon', kind: 'coupon', value: 5, stock: 0 });
  for (let i = 0; i < codes.length; i += 10_000)
    await addPrizeCodes(t.id, testActor, prize.id, { codes: codes.slice(i, i + 10_000) });
  return prize;
}

async function liveCouponActivity(t: Tenant, prizeId: string, { stock, quantity = 1, probability = 1 }: Tier) {
  const spec = specFor([{ probability, stock, prizes: [{ prizeId, quantity }] }], {
    limits: { freeDrawsPerDay: 1_000, maxDrawsPerDay: 1_000 },
  });
  const draft = await createActivity(t.id, testActor, spec);
  return publishActivity(t.id, testActor, draft.id);
}
type Tier = { stock: number; quantity?: number; probability?: number };

const codeList = (n: number, prefix = 'C') => Array.from({ length: n }, (_, i) => `${prefix}-${i}-${randomUUID()}`);

describe('POST /api/manage/prizes/{prizeId}/codes', () => {
  it('adds codes as stock, all or nothing; duplicates, bad text and other prizes are refused', async () => {
    const t = await freshTenant();
    const prize = (
      await callRoute(createPrizeRoute, {
        method: 'POST',
        headers: bearer(t.apiKey),
        body: { name: 'Coffee coupon', kind: 'coupon', stock: 0 },
      })
    ).json;
    const call = (body: unknown, { key = t.apiKey, prizeId = prize.id as string } = {}) =>
      callRoute(addCodesRoute, { method: 'POST', headers: bearer(key), params: { prizeId }, body: body as object });

    const added = await call({ codes: ['A-1', 'A-2', 'A-3'] });
    expect(added.status).toBe(200);
    expect(added.json).toEqual({ added: 3, total: 3, unused: 3 });
    // Upper-case id: the same prize.
    expect((await call({ codes: ['A-4'] }, { prizeId: prize.id.toUpperCase() })).json).toEqual({
      added: 1,
      total: 4,
      unused: 4,
    });

    const repeated = await call({ codes: ['B-1', 'B-2', 'B-1'] });
    expect(repeated.status).toBe(400);
    expect(repeated.json.error.code).toBe('VALIDATION_FAILED');
    expect(repeated.json.error.details.duplicates).toEqual(['B-1']);
    const stored = await call({ codes: ['B-3', 'A-2', 'A-3'] });
    expect(stored.status).toBe(400);
    expect(stored.json.error.details.duplicates.sort()).toEqual(['A-2', 'A-3']);
    expect(await db.couponCode.count({ where: { prizeId: prize.id } })).toBe(4);

    const nul = await call({ codes: ['ok', 'bad\u0000code'] });
    expect(nul.status).toBe(400);
    expect(JSON.stringify(nul.json.error.details)).toContain('codes.1');
    expect((await call({ codes: ['x'.repeat(101)] })).status).toBe(400);
    expect((await call({ codes: [] })).status).toBe(400);
    expect((await call({ codes: ['C-1'], extra: 1 })).json.error.code).toBe('VALIDATION_FAILED');
    expect((await call({ codes: [7] })).status).toBe(400);
    const tooMany = await call({ codes: Array.from({ length: 10_001 }, (_, i) => `T${i}`) });
    expect(tooMany.status).toBe(400);
    // 10,000 long codes are more than 64 KiB and still one call.
    const big = await call({ codes: Array.from({ length: 10_000 }, (_, i) => `BIG-${i}-${'x'.repeat(40)}`) });
    expect(big.json).toEqual({ added: 10_000, total: 10_004, unused: 10_004 });

    const other = await freshTenant();
    expect((await call({ codes: ['Z-1'] }, { key: other.apiKey })).status).toBe(404);
    expect((await call({ codes: ['Z-1'] }, { prizeId: randomUUID() })).status).toBe(404);
    expect((await call({ codes: ['Z-1'] }, { prizeId: 'not-a-uuid' })).status).toBe(404);

    // The codes are the stock: the ledger and the prize's figures say so, restock is refused.
    const dto = await db.prize.findUniqueOrThrow({ where: { id: prize.id } });
    expect(dto.availableStock).toBe(10_004);
    const restock = await callRoute(restockRoute, {
      method: 'POST',
      headers: bearer(t.apiKey),
      params: { prizeId: prize.id },
      body: { quantity: 5 },
    });
    expect(restock.status).toBe(409);
    expect(await db.auditLog.count({ where: { objectId: prize.id, action: 'prize.codes.add' } })).toBe(3);

    const physical = (
      await callRoute(createPrizeRoute, {
        method: 'POST',
        headers: bearer(t.apiKey),
        body: { name: 'Mug', kind: 'physical', stock: 3 },
      })
    ).json;
    expect((await call({ codes: ['M-1'] }, { prizeId: physical.id })).status).toBe(409);
    const stocked = await callRoute(createPrizeRoute, {
      method: 'POST',
      headers: bearer(t.apiKey),
      body: { name: 'Coupon with stock', kind: 'coupon', stock: 3 },
    });
    expect(stocked.status).toBe(400);
  });
});

describe('coupon codes in the draw', () => {
  it('1,000 concurrent draws on 300 codes: exactly 300 wins holding 300 distinct codes, each recorded once', async () => {
    const t = await freshTenant();
    const codes = codeList(300);
    const prize = await couponPrize(t, codes);
    const activity = await liveCouponActivity(t, prize.id, { stock: 300 });
    expect(await redis.llen(drawKeys(activity.id).codes(prize.id))).toBe(300);

    const results = await Promise.allSettled(
      Array.from({ length: 1_000 }, (_, i) => executeDraw(endUser(t, `u${i}`), activity.id, randomUUID())),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const bodies = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof executeDraw>>>).value);
    const wins = bodies.filter((b) => b.outcome === 'win');
    expect(wins).toHaveLength(300);
    expect(bodies.filter((b) => b.outcome === 'lose')).toHaveLength(700);
    const shown = wins.flatMap((b) => b.prizes.flatMap((p) => p.codes ?? []));
    expect(shown).toHaveLength(300);
    expect(new Set(shown).size).toBe(300);
    expect(new Set(shown)).toEqual(new Set(codes));

    await drainDrawLog(redis, activity.id);
    const rows = await db.couponCode.findMany({ where: { prizeId: prize.id }, select: { code: true, winId: true } });
    expect(rows.every((r) => r.winId !== null)).toBe(true);
    const byWin = new Map(rows.map((r) => [r.code, r.winId]));
    for (const b of wins) expect(byWin.get(b.prizes[0]!.codes![0]!)).toBe(b.winIds[0]);
    expect(await redis.llen(drawKeys(activity.id).codes(prize.id))).toBe(0);

    // The winner sees the code in their wins (GET /api/v1/me/wins).
    const winner = bodies.findIndex((b) => b.outcome === 'win');
    const mine = await callRoute(myWinsRoute, { headers: bearer(await t.userToken(`u${winner}`)) });
    expect(mine.status, JSON.stringify(mine.json)).toBe(200);
    expect(mine.json.wins[0].codes).toEqual(bodies[winner]!.prizes[0]!.codes);
    const loser = bodies.findIndex((b) => b.outcome === 'lose');
    expect((await callRoute(myWinsRoute, { headers: bearer(await t.userToken(`u${loser}`)) })).json.wins).toEqual([]);
    // A replay answers the same codes, nothing taken twice.
    const again = await executeDraw(endUser(t, `u${winner}`), activity.id, 'replayed');
    expect(await executeDraw(endUser(t, `u${winner}`), activity.id, 'replayed')).toEqual(again);
  });

  it('a unit takes one code each: a bundle of 2 gets 2, a void win keeps its codes, the end gives the rest back', async () => {
    const t = await freshTenant();
    const codes = codeList(10);
    const prize = await couponPrize(t, codes);
    const activity = await liveCouponActivity(t, prize.id, { stock: 4, quantity: 2 });
    expect((await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).availableStock).toBe(2);
    expect(await db.couponCode.count({ where: { activityId: activity.id } })).toBe(8);

    const a = await executeDraw(endUser(t, 'a'), activity.id, 'k-a');
    expect(a.prizes[0]!.codes).toHaveLength(2);
    expect(await executeDraw(endUser(t, 'a'), activity.id, 'k-a')).toEqual(a);
    const b = await executeDraw(endUser(t, 'b'), activity.id, 'k-b');
    expect(new Set([...a.prizes[0]!.codes!, ...b.prizes[0]!.codes!]).size).toBe(4);

    // A voided win's codes were shown: they stay with it, never reused, and the prize's pool does not grow.
    // A coupon is delivered by the draw; only a win held for review can be voided (rejected).
    await db.win.update({ where: { id: a.winIds[0]! }, data: { status: 'HELD' } });
    await voidWinByOperator(t.id, testActor, a.winIds[0]!, 'fraud');
    expect(await db.couponCode.count({ where: { winId: a.winIds[0]! } })).toBe(2);
    expect((await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).availableStock).toBe(2);

    const c = await executeDraw(endUser(t, 'c'), activity.id, 'k-c');
    const all = [a, b, c].flatMap((x) => x.prizes[0]!.codes!);
    expect(new Set(all).size).toBe(6);

    await changeActivityStatus(t.id, testActor, { activityId: activity.id, transition: 'end' });
    // Two codes were left in the pool: they are free again, and the prize's stock is its unused codes.
    expect(await db.couponCode.count({ where: { activityId: activity.id, winId: null } })).toBe(0);
    const free = await db.couponCode.count({ where: { prizeId: prize.id, activityId: null, winId: null } });
    expect(free).toBe(4);
    expect((await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).availableStock).toBe(4);
    const ledger = await db.stockMovement.aggregate({ where: { prizeId: prize.id }, _sum: { poolDelta: true } });
    expect(ledger._sum.poolDelta).toBe(4);
  });

  it('publishing reserves codes only while enough are free', async () => {
    const t = await freshTenant();
    const prize = await couponPrize(t, codeList(3));
    const spec = specFor([{ probability: 1, stock: 4, prizes: [{ prizeId: prize.id }] }]);
    const draft = await createActivity(t.id, testActor, spec);
    await expect(publishActivity(t.id, testActor, draft.id)).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect(await db.couponCode.count({ where: { prizeId: prize.id, activityId: { not: null } } })).toBe(0);
  });

  it('fixed winners drawn at the end each get their codes from the pool, and the rest go back', async () => {
    const t = await freshTenant();
    const prize = await couponPrize(t, codeList(5));
    const spec = specFor([{ probability: 0, stock: 3, prizes: [{ prizeId: prize.id }] }], { fixedWinners: 2 });
    const draft = await createActivity(t.id, testActor, spec);
    const activity = await publishActivity(t.id, testActor, draft.id);
    for (let i = 0; i < 4; i++) await executeDraw(endUser(t, `p${i}`), activity.id, randomUUID());
    await changeActivityStatus(t.id, testActor, { activityId: activity.id, transition: 'end' });
    await settleActivity(activity.id);
    const wins = await db.win.findMany({ where: { activityId: activity.id }, select: { id: true, codes: true } });
    expect(wins).toHaveLength(2);
    expect(wins.every((w) => w.codes.length === 1)).toBe(true);
    expect(new Set(wins.map((w) => w.codes[0]!.code)).size).toBe(2);
    expect(await db.couponCode.count({ where: { prizeId: prize.id, winId: null, activityId: null } })).toBe(3);
    expect((await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).availableStock).toBe(3);
  });

  it('a win held for review shows its codes only once approved', async () => {
    const t = await freshTenant();
    const prize = await couponPrize(t, codeList(2));
    const activity = await liveCouponActivity(t, prize.id, { stock: 2 });
    const won = await executeDraw(endUser(t, 'held'), activity.id, randomUUID());
    const code = won.prizes[0]!.codes![0]!;
    await db.win.update({ where: { id: won.winIds[0]! }, data: { status: 'HELD' } });
    expect((await listUserWins(t.id, 'held'))[0]!.codes).toBeUndefined();
    await approveHeldWin(t.id, testActor, won.winIds[0]!);
    expect((await listUserWins(t.id, 'held'))[0]!.codes).toEqual([code]);
  });
});
