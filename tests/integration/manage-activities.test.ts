// The management API for activities, through the real route handlers: create with spec
// validation, publish, stats equal to the rows, winners (JSON and CSV), live tier changes,
// end returning unused stock once, audit, and tenant isolation on every route.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POST as createActivity } from '@/app/api/manage/activities/route';
import { GET as getActivity } from '@/app/api/manage/activities/[id]/route';
import { POST as publish } from '@/app/api/manage/activities/[id]/publish/route';
import { POST as pause } from '@/app/api/manage/activities/[id]/pause/route';
import { POST as resume } from '@/app/api/manage/activities/[id]/resume/route';
import { POST as end } from '@/app/api/manage/activities/[id]/end/route';
import { PATCH as patchTier } from '@/app/api/manage/activities/[id]/tiers/[tierId]/route';
import { GET as stats } from '@/app/api/manage/activities/[id]/stats/route';
import { GET as winners } from '@/app/api/manage/activities/[id]/winners/route';
import { POST as createPrize } from '@/app/api/manage/prizes/route';
import { GET as getPrize } from '@/app/api/manage/prizes/[prizeId]/route';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { createRedis } from '@/lib/redis';
import { drainDrawLog } from '@/lib/draw/drain-draw-log';
import { endUser, specFor } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

async function setup() {
  const t = await freshTenant();
  const auth = bearer(t.apiKey);
  const prize = (
    await callRoute(createPrize, {
      method: 'POST',
      headers: auth,
      body: { name: 'Mug', kind: 'physical', value: 9.9, stock: 100 },
    })
  ).json;
  const points = (
    await callRoute(createPrize, {
      method: 'POST',
      headers: auth,
      body: { name: 'Points', kind: 'points', stock: 1000 },
    })
  ).json;
  const spec = specFor(
    [
      { name: 'Mug', probability: 0.3, stock: 40, prizes: [{ prizeId: prize.id }] },
      {
        name: 'Bundle',
        probability: 0.3,
        stock: 20,
        prizes: [{ prizeId: prize.id }, { prizeId: points.id, quantity: 5 }],
      },
    ],
    { limits: { freeDrawsPerDay: 5 }, claimWindowHours: 48 },
  );
  return { t, auth, prize, points, spec };
}

describe('management API: activities', () => {
  it('validates the spec strictly and names what is wrong', async () => {
    const { auth, prize, spec } = await setup();
    const bad = async (body: unknown) =>
      callRoute(createActivity, { method: 'POST', headers: auth, body: body as object });
    const overOne = await bad({
      ...spec,
      tiers: [
        { ...spec.tiers[0], probability: 0.6 },
        { ...spec.tiers[1], probability: 0.5 },
      ],
    });
    expect(overOne.status).toBe(400);
    expect(overOne.json.error.message).toMatch(/more than 1/);
    expect((await bad({ ...spec, tiers: [{ ...spec.tiers[0], probability: 0.0000001 }] })).json.error.message).toMatch(
      /6 decimal/,
    );
    expect((await bad({ ...spec, timezone: 'Mars/Olympus' })).status).toBe(400);
    expect((await bad({ ...spec, endsAt: spec.startsAt })).json.error.details.issues[0].path).toBe('endsAt');
    expect(
      (await bad({ ...spec, tiers: [{ ...spec.tiers[0], prizes: [{ prizeId: prize.id, quantity: 0 }] }] })).status,
    ).toBe(400);
    expect((await bad({ ...spec, limits: { freeDrawsPerDay: -1 } })).status).toBe(400);
    expect((await bad({ ...spec, surprise: true })).status).toBe(400);
    // Another tenant's prize is unknown here.
    const other = await freshTenant();
    const foreign = (
      await callRoute(createPrize, {
        method: 'POST',
        headers: bearer(other.apiKey),
        body: { name: 'X', kind: 'points', stock: 5 },
      })
    ).json;
    const cross = await bad({ ...spec, tiers: [{ ...spec.tiers[0], prizes: [{ prizeId: foreign.id, quantity: 1 }] }] });
    expect(cross.status).toBe(400);
    expect(cross.json.error.message).toContain(foreign.id);
  });

  it('runs an activity end to end: publish, draws, stats = rows, winners JSON and CSV, tier change, pause, end returns stock once', async () => {
    const { t, auth, prize, points, spec } = await setup();
    const created = await callRoute(createActivity, { method: 'POST', headers: auth, body: spec });
    expect(created.status).toBe(201);
    expect(created.json.status).toBe('DRAFT');
    const id = created.json.id;

    const published = await callRoute(publish, { method: 'POST', headers: auth, params: { id } });
    expect(published.json.status).toBe('LIVE');
    // Reserved: Mug 40 + 20 = 60, Points 20 × 5 = 100.
    expect((await callRoute(getPrize, { headers: auth, params: { prizeId: prize.id } })).json.stock).toEqual({
      total: 100,
      available: 40,
      reserved: 60,
    });
    expect((await callRoute(getPrize, { headers: auth, params: { prizeId: points.id } })).json.stock).toEqual({
      total: 1000,
      available: 900,
      reserved: 100,
    });
    expect((await callRoute(publish, { method: 'POST', headers: auth, params: { id } })).status).toBe(409);

    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        executeDraw(endUser(t, `user-${i % 20}`), id, randomUUID()).catch(() => null),
      ),
    );
    const redis = createRedis('worker');
    await drainDrawLog(redis, id);
    const s = (await callRoute(stats, { headers: auth, params: { id } })).json;
    const rows = {
      draws: await db.draw.count({ where: { activityId: id } }),
      wins: await db.draw.count({ where: { activityId: id, outcome: 'WIN' } }),
    };
    expect(s.draws).toBe(rows.draws);
    expect(s.wins).toBe(rows.wins);
    expect(s.uniqueUsers).toBe((await db.draw.groupBy({ by: ['userId'], where: { activityId: id } })).length);
    expect(s.byTier.reduce((n: number, x: { wins: number }) => n + x.wins, 0)).toBe(rows.wins);
    const mugUnits =
      (await db.win.aggregate({ where: { activityId: id, prizeId: prize.id }, _sum: { quantity: true } }))._sum
        .quantity ?? 0;
    expect(s.stock.find((x: { prizeId: string }) => x.prizeId === prize.id)).toMatchObject({
      reserved: 60,
      issued: mugUnits,
      remaining: 60 - mugUnits,
    });

    const page1 = (await callRoute(winners, { path: `/x?limit=5`, headers: auth, params: { id } })).json;
    const allWins = await db.win.count({ where: { activityId: id } });
    expect(page1.items.length).toBe(Math.min(5, allWins));
    const csv = await callRoute(winners, { path: `/x?format=csv`, headers: auth, params: { id } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.trim().split('\r\n')).toHaveLength(allWins + 1);

    const tierId = published.json.tiers[0].id;
    const patched = await callRoute(patchTier, {
      method: 'PATCH',
      headers: auth,
      params: { id, tierId },
      body: { probability: 0.1 },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.tiers[0].probability).toBe(0.1);
    expect(
      (
        await callRoute(patchTier, {
          method: 'PATCH',
          headers: auth,
          params: { id, tierId },
          body: { probability: 0.8 },
        })
      ).status,
    ).toBe(400);

    expect((await callRoute(pause, { method: 'POST', headers: auth, params: { id } })).json.status).toBe('PAUSED');
    expect((await callRoute(resume, { method: 'POST', headers: auth, params: { id } })).json.status).toBe('LIVE');
    const ended = await callRoute(end, { method: 'POST', headers: auth, params: { id } });
    expect(ended.json.status).toBe('ENDED');
    const mugIssued =
      (await db.win.aggregate({ where: { activityId: id, prizeId: prize.id }, _sum: { quantity: true } }))._sum
        .quantity ?? 0;
    expect((await callRoute(getPrize, { headers: auth, params: { prizeId: prize.id } })).json.stock).toEqual({
      total: 100 - mugIssued,
      available: 100 - mugIssued,
      reserved: 0,
    });
    expect((await callRoute(end, { method: 'POST', headers: auth, params: { id } })).status).toBe(409);
    expect(await db.stockMovement.count({ where: { activityId: id, kind: 'RETURN' } })).toBe(2);
    const actions = (
      await db.auditLog.findMany({ where: { tenantId: t.id, objectId: { in: [id, tierId] } }, orderBy: { id: 'asc' } })
    ).map((a) => a.action);
    expect(actions).toEqual([
      'activity.create',
      'activity.publish',
      'tier.update',
      'activity.pause',
      'activity.resume',
      'activity.end',
    ]);
    await redis.quit();
  });

  it("answers 404 for another tenant's activity on every route", async () => {
    const { auth, spec } = await setup();
    const id = (await callRoute(createActivity, { method: 'POST', headers: auth, body: spec })).json.id;
    const stranger = bearer((await freshTenant()).apiKey);
    const tierId = (await callRoute(getActivity, { headers: auth, params: { id } })).json.tiers[0].id;
    const calls = [
      callRoute(getActivity, { headers: stranger, params: { id } }),
      callRoute(publish, { method: 'POST', headers: stranger, params: { id } }),
      callRoute(pause, { method: 'POST', headers: stranger, params: { id } }),
      callRoute(resume, { method: 'POST', headers: stranger, params: { id } }),
      callRoute(end, { method: 'POST', headers: stranger, params: { id } }),
      callRoute(patchTier, { method: 'PATCH', headers: stranger, params: { id, tierId }, body: { probability: 0.1 } }),
      callRoute(stats, { headers: stranger, params: { id } }),
      callRoute(winners, { headers: stranger, params: { id } }),
      callRoute(winners, { path: '/x?format=csv', headers: stranger, params: { id } }),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(404);
    expect((await callRoute(getActivity, { headers: auth, params: { id } })).json.status).toBe('DRAFT');
  });
});
