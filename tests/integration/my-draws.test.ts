// GET /api/v1/activities/{id}/me/draws: the user's own draws in one activity, newest first, paged
// by cursor; never another user's or tenant's; tier names in the reader's language.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { POST as drawRoute } from '@/app/api/v1/activities/[activityId]/draws/route';
import { GET as myDrawsRoute } from '@/app/api/v1/activities/[activityId]/me/draws/route';
import { db } from '@/lib/db';
import { liveActivity } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

type Tenant = Awaited<ReturnType<typeof freshTenant>>;

async function drawAs(tenant: Tenant, activityId: string, userId: string, key: string) {
  const res = await callRoute(drawRoute, {
    method: 'POST',
    headers: { ...bearer(await tenant.userToken(userId)), 'idempotency-key': key },
    params: { activityId },
  });
  expect(res.status).toBe(200);
  return res.json as { drawId: string; outcome: string; tier: { id: string; name: string } | null };
}

async function myDraws(tenant: Tenant, activityId: string, userId: string, query = '') {
  return callRoute(myDrawsRoute, {
    path: `/api/v1/activities/${activityId}/me/draws${query}`,
    headers: bearer(await tenant.userToken(userId)),
    params: { activityId },
  });
}

describe('GET /api/v1/activities/[activityId]/me/draws', () => {
  it("lists the user's draws newest first, paged by cursor, with outcome, tier and whether each is provable", async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      {
        overrides: {
          limits: { freeDrawsPerDay: 10 },
          translations: { 'zh-CN': { tiers: [{ name: '一等奖' }] } },
        },
      },
    );
    const drawn = [];
    for (let n = 0; n < 5; n++) drawn.push(await drawAs(tenant, activity.id, 'ann', `ann-${n}`));
    await drawAs(tenant, activity.id, 'ben', 'ben-0');
    // A draw made before the activity had a seed: listed, not provable.
    await db.$executeRaw`UPDATE "Draw" SET fairness = NULL WHERE id = ${drawn[0]!.drawId}::uuid`;

    const first = await myDraws(tenant, activity.id.toUpperCase(), 'ann', '?limit=2');
    expect(first.status).toBe(200);
    expect(first.json.timezone).toBe('Asia/Shanghai');
    expect(first.json.items).toHaveLength(2);
    const pages = [first.json];
    while (pages.at(-1)!.nextCursor) {
      const next = await myDraws(tenant, activity.id, 'ann', `?limit=2&cursor=${pages.at(-1)!.nextCursor}`);
      expect(next.status).toBe(200);
      pages.push(next.json);
    }
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    const items = pages.flatMap((p) => p.items);
    expect(items.map((d: { drawId: string }) => d.drawId)).toEqual(drawn.map((d) => d.drawId).reverse());
    const tier = activity.tiers[0]!;
    for (const [n, d] of drawn.entries()) {
      expect(items.find((x: { drawId: string }) => x.drawId === d.drawId)).toEqual({
        drawId: d.drawId,
        drawnAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        outcome: d.outcome,
        tier: d.outcome === 'win' ? { id: tier.id, name: tier.name } : null,
        provable: n !== 0,
      });
    }
    const drawnAt = items.map((d: { drawnAt: string }) => Date.parse(d.drawnAt));
    expect([...drawnAt].sort((a, b) => b - a)).toEqual(drawnAt);

    // Tier names in the reader's language.
    const win = drawn.find((d) => d.outcome === 'win');
    if (win) {
      const zh = await myDraws(tenant, activity.id, 'ann', '?lang=zh-CN');
      expect(zh.json.items.find((x: { drawId: string }) => x.drawId === win.drawId).tier.name).toBe('一等奖');
    }
  });

  it("never lists another user's or another tenant's draws", async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 10 } } },
    );
    await drawAs(tenant, activity.id, 'cat', 'cat-0');
    await drawAs(tenant, activity.id, 'cat', 'cat-1');
    // The same user id in another tenant, with an activity of its own.
    const other = await liveActivity((p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }]);
    const theirs = await drawAs(other.tenant, other.activity.id, 'cat', 'cat-0');

    const dog = await myDraws(tenant, activity.id, 'dog');
    expect([dog.status, dog.json.items, dog.json.nextCursor]).toEqual([200, [], null]);
    const cat = await myDraws(tenant, activity.id, 'cat');
    expect(cat.json.items).toHaveLength(2);
    expect(cat.json.items.map((d: { drawId: string }) => d.drawId)).not.toContain(theirs.drawId);
    // Another tenant's activity is not found, whoever asks; a cursor cannot reach across either.
    const foreign = await myDraws(tenant, other.activity.id, 'cat');
    expect([foreign.status, foreign.json.error.code]).toEqual([404, 'NOT_FOUND']);
    const crossed = await myDraws(other.tenant, other.activity.id, 'cat', `?cursor=${randomUUID()}`);
    expect(crossed.json.items.map((d: { drawId: string }) => d.drawId)).not.toContain(cat.json.items[0].drawId);
    const wrongActivity = await myDraws(tenant, randomUUID(), 'cat');
    expect(wrongActivity.status).toBe(404);
  });

  it('refuses a forged or expired token (401) and a bad cursor or limit (400 naming it), changing nothing', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 10 } } },
    );
    await drawAs(tenant, activity.id, 'eve', 'eve-0');
    const params = { activityId: activity.id };
    const path = `/api/v1/activities/${activity.id}/me/draws`;
    const forged = await new SignJWT({ sub: 'eve', tid: tenant.slug })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-tenant-secret-0123456789abcdef'));
    for (const token of [forged, await tenant.userToken('eve', -60)]) {
      const res = await callRoute(myDrawsRoute, { path, headers: bearer(token), params });
      expect([res.status, res.json.error.code]).toEqual([401, 'UNAUTHORIZED']);
    }
    expect((await callRoute(myDrawsRoute, { path, params })).status).toBe(401);

    for (const [query, field] of [
      ['?cursor=not-a-draw', 'cursor'],
      ['?cursor=', 'cursor'],
      ['?limit=0', 'limit'],
      ['?limit=51', 'limit'],
      ['?limit=x', 'limit'],
      ['?lang=%00', 'lang'],
      ['?extra=1', ''],
    ] as const) {
      const res = await myDraws(tenant, activity.id, 'eve', query);
      expect([res.status, res.json.error.code], query).toEqual([400, 'VALIDATION_FAILED']);
      expect(JSON.stringify(res.json.error.details), query).toContain(field);
    }
    expect(await db.draw.count({ where: { activityId: activity.id } })).toBe(1);
  });
});
