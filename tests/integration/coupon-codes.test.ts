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
import { patchTierOrPropose } from '@/lib/activities/patch-tier-or-propose';
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
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { createRedis } from '@/lib/redis';
import { createPrizes, endUser, specFor, testActor } from '../helpers/activities';
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
    expect(added.json).toEqual({ added: 3, total: 3, unused: 3, activityId: null });
    // Upper-case id: the same prize.
    expect((await call({ codes: ['A-4'] }, { prizeId: prize.id.toUpperCase() })).json).toEqual({
      added: 1,
      total: 4,
      unused: 4,
      activityId: null,
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
    expect(big.json).toEqual({ added: 10_000, total: 10_004, unused: 10_004, activityId: null });

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

describe('POST /api/manage/prizes/{prizeId}/codes while an activity is live', () => {
  const addCodes = (t: Tenant, prizeId: string, body: object) =>
    callRoute(addCodesRoute, { method: 'POST', headers: bearer(t.apiKey), params: { prizeId }, body });

  it('adds codes to the live pool and draw while draws run: every win a distinct code, the figures agree', async () => {
    const t = await freshTenant();
    const first = codeList(20, 'FIRST');
    const prize = await couponPrize(t, first);
    const activity = await liveCouponActivity(t, prize.id, { stock: 20 });
    const tierId = activity.tiers[0]!.id;
    const later = codeList(40, 'LIVE');

    const bodies: Awaited<ReturnType<typeof executeDraw>>[] = [];
    let stop = false;
    let user = 0;
    const drawer = async () => {
      while (!stop) bodies.push(await executeDraw(endUser(t, `d${user++}`), activity.id, randomUUID()));
    };
    const drawers = Array.from({ length: 8 }, drawer);
    // While draws run: the codes in two calls (the prize is named in upper case once), then the tier's stock.
    const added = await addCodes(t, prize.id, { codes: later.slice(0, 25) });
    expect(added.status, added.text).toBe(200);
    expect(added.json).toEqual({ added: 25, total: 45, unused: expect.any(Number), activityId: activity.id });
    const named = await addCodes(t, prize.id.toUpperCase(), {
      codes: later.slice(25),
      activityId: activity.id.toUpperCase(),
    });
    expect(named.json).toMatchObject({ added: 15, total: 60, activityId: activity.id });
    const raised = await patchTierOrPropose(t.id, testActor, { activityId: activity.id, tierId, patch: { stock: 60 } });
    expect(raised.status).toBe(200);
    // Every draw wins while stock lasts: run on until 60 have won, then a few more that must lose.
    while (bodies.filter((b) => b.outcome === 'win').length < 60 && user < 400) await sleepTick();
    stop = true;
    await Promise.all(drawers);
    for (let i = 0; i < 5; i++) bodies.push(await executeDraw(endUser(t, `after${i}`), activity.id, randomUUID()));

    const wins = bodies.filter((b) => b.outcome === 'win');
    expect(wins).toHaveLength(60);
    const shown = wins.flatMap((b) => b.prizes.flatMap((p) => p.codes ?? []));
    expect(shown).toHaveLength(60);
    expect(new Set(shown)).toEqual(new Set([...first, ...later]));

    await drainDrawLog(redis, activity.id);
    const rows = await db.couponCode.findMany({ where: { prizeId: prize.id }, select: { code: true, winId: true } });
    const holder = new Map(rows.map((r) => [r.code, r.winId]));
    for (const b of wins) expect(holder.get(b.prizes[0]!.codes![0]!)).toBe(b.winIds[0]);
    expect(rows.every((r) => r.winId !== null)).toBe(true);
    expect(await redis.llen(drawKeys(activity.id).codes(prize.id))).toBe(0);
    expect(await redis.hget(drawKeys(activity.id).stock, `p:${prize.id}`)).toBe('0');
    const pool = await db.activityStock.findUniqueOrThrow({
      where: { activityId_prizeId: { activityId: activity.id, prizeId: prize.id } },
    });
    expect(pool).toMatchObject({ reserved: 60, issued: 60, returned: 0 });
    expect((await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).availableStock).toBe(0);
    const ledger = await db.stockMovement.aggregate({
      where: { prizeId: prize.id },
      _sum: { poolDelta: true, activityDelta: true },
    });
    expect(ledger._sum).toEqual({ poolDelta: 0, activityDelta: 60 });
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });

  it('refuses a named activity that is not published, holds no pool of the prize or is another tenant’s', async () => {
    const t = await freshTenant();
    const prize = await couponPrize(t, codeList(2));
    const live = await liveCouponActivity(t, prize.id, { stock: 2 });
    const draft = await createActivity(
      t.id,
      testActor,
      specFor([{ probability: 1, stock: 1, prizes: [{ prizeId: prize.id }] }]),
    );
    const [otherPrize] = await createPrizes(t.id, [5]);
    const elsewhere = await publishActivity(
      t.id,
      testActor,
      (
        await createActivity(
          t.id,
          testActor,
          specFor([{ probability: 1, stock: 1, prizes: [{ prizeId: otherPrize!.id }] }]),
        )
      ).id,
    );
    const other = await freshTenant();
    const othersPrize = await couponPrize(other, codeList(1));
    const othersLive = await liveCouponActivity(other, othersPrize.id, { stock: 1 });

    const refused = [
      [await addCodes(t, prize.id, { codes: ['N-1'], activityId: draft.id }), 409, 'INVALID_STATE'],
      [await addCodes(t, prize.id, { codes: ['N-1'], activityId: elsewhere.id }), 404, 'NOT_FOUND'],
      [await addCodes(t, prize.id, { codes: ['N-1'], activityId: othersLive.id }), 404, 'NOT_FOUND'],
      [await addCodes(t, prize.id, { codes: ['N-1'], activityId: 'nope' }), 400, 'VALIDATION_FAILED'],
      // Another tenant's key reaches neither this prize nor, through its own prize, this activity.
      [await addCodes(other, prize.id, { codes: ['N-1'], activityId: live.id }), 404, 'NOT_FOUND'],
      [await addCodes(other, othersPrize.id, { codes: ['N-1'], activityId: live.id }), 404, 'NOT_FOUND'],
    ] as const;
    for (const [res, status, code] of refused) {
      expect(res.status, res.text).toBe(status);
      expect(res.json.error.code).toBe(code);
    }
    expect(JSON.stringify(refused[3][0].json.error.details)).toContain('activityId');
    expect(await db.couponCode.count({ where: { code: 'N-1', prizeId: { in: [prize.id, othersPrize.id] } } })).toBe(0);
    expect(await redis.llen(drawKeys(live.id).codes(prize.id))).toBe(2);
    expect(await redis.llen(drawKeys(othersLive.id).codes(othersPrize.id))).toBe(1);

    // An ended activity no longer takes them: unnamed, they go to the free pool.
    await changeActivityStatus(t.id, testActor, { activityId: live.id, transition: 'end' });
    const freed = await addCodes(t, prize.id, { codes: ['N-2'] });
    expect(freed.json).toMatchObject({ added: 1, activityId: null });
    expect((await db.couponCode.findFirstOrThrow({ where: { code: 'N-2', prizeId: prize.id } })).activityId).toBeNull();
  });
});

const sleepTick = () => new Promise((resolve) => setTimeout(resolve, 20));
