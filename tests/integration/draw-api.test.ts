// POST /api/v1/activities/{id}/draws and the other end-user routes, through the real route
// handlers: every error a draw can answer, with its code and status.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET as activityView } from '@/app/api/v1/activities/[activityId]/route';
import { POST as draw } from '@/app/api/v1/activities/[activityId]/draws/route';
import { GET as me } from '@/app/api/v1/activities/[activityId]/me/route';
import { GET as myWins } from '@/app/api/v1/me/wins/route';
import { POST as pause } from '@/app/api/manage/activities/[id]/pause/route';
import { createActivity } from '@/lib/activities/create-activity';
import { drawKeys } from '@/lib/draw/keys';
import { addRiskListEntries, createRiskRule } from '@/lib/risk/manage-risk';
import { RiskRuleSpec } from '@/lib/risk/schemas';
import { createRedis } from '@/lib/redis';
import { liveActivity, specFor, testActor } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

const post = async (activityId: string, token: string, key: string | null = randomUUID()) =>
  callRoute(draw, {
    method: 'POST',
    headers: { ...bearer(token), ...(key !== null ? { 'idempotency-key': key } : {}) },
    params: { activityId },
  });

describe('end-user draw API', () => {
  it('answers each refusal with its error code and status', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 2, maxDrawsPerDay: 1 } } },
    );
    const token = await tenant.userToken('carol');
    const expectError = (res: Awaited<ReturnType<typeof post>>, status: number, code: string) => {
      expect(res.status, JSON.stringify(res.json)).toBe(status);
      expect(res.json.error.code).toBe(code);
    };

    expectError(await post(activity.id, token, null), 400, 'VALIDATION_FAILED');
    expectError(await post(activity.id, token, 'x'.repeat(65)), 400, 'VALIDATION_FAILED');
    expectError(await post(activity.id, 'not-a-token'), 401, 'UNAUTHORIZED');
    expectError(await post(randomUUID(), token), 404, 'NOT_FOUND');
    expectError(await post('not-a-uuid', token), 404, 'NOT_FOUND');

    const ok = await post(activity.id, token);
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.json).sort()).toEqual(['chancesLeft', 'drawId', 'outcome', 'prizes', 'tier', 'winIds']);
    expectError(await post(activity.id, token), 409, 'DRAW_LIMIT_REACHED');

    const other = await freshTenant();
    expectError(await post(activity.id, await other.userToken('carol')), 404, 'NOT_FOUND');

    const { tenant: t2, activity: a2 } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 1 } } },
    );
    const token2 = await t2.userToken('dave');
    expect((await post(a2.id, token2)).status).toBe(200);
    expectError(await post(a2.id, token2), 409, 'NO_CHANCES');

    expect((await callRoute(pause, { method: 'POST', headers: bearer(t2.apiKey), params: { id: a2.id } })).status).toBe(
      200,
    );
    expectError(await post(a2.id, await t2.userToken('erin')), 409, 'ACTIVITY_NOT_LIVE');

    const draft = await createActivity(
      t2.id,
      testActor,
      specFor([{ probability: 0.5, stock: 1, prizes: [{ prizeId: a2.tiers[0]!.prizes[0]!.prizeId }] }]),
    );
    expectError(await post(draft.id, token2), 409, 'ACTIVITY_NOT_LIVE');

    // Risk rules: a blacklisted user gets 403, a user over a rate limit 429 with Retry-After.
    const { tenant: t3, activity: a3 } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 5 } } },
    );
    await createRiskRule(t3.id, testActor, RiskRuleSpec.parse({ kind: 'blacklist' }));
    await createRiskRule(
      t3.id,
      testActor,
      RiskRuleSpec.parse({ kind: 'rate_limit_user', limit: 1, windowSeconds: 30 }),
    );
    await addRiskListEntries(t3.id, testActor, { kind: 'user', values: ['mallory'] });
    expectError(await post(a3.id, await t3.userToken('mallory')), 403, 'RISK_BLOCKED');
    const hasty = await t3.userToken('hasty');
    expect((await post(a3.id, hasty)).status).toBe(200);
    const limited = await post(a3.id, hasty);
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // Hot state lost: 503 with Retry-After, then the activity is rebuilt by itself.
    const redis = createRedis('worker');
    await redis.del(drawKeys(activity.id).cfg);
    const fenced = await post(activity.id, await tenant.userToken('frank'));
    expectError(fenced, 503, 'ACTIVITY_REBUILDING');
    expect(fenced.headers.get('retry-after')).toBe('1');
    let after = fenced;
    for (let i = 0; i < 50 && after.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = await post(activity.id, await tenant.userToken('frank'));
    }
    expect(after.status).toBe(200);
    await redis.quit();
  });

  it('shows the activity, the user state and the wins', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ name: 'Jackpot', probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 2 } } },
    );
    const token = await tenant.userToken('gina');
    const view = await callRoute(activityView, { headers: bearer(token), params: { activityId: activity.id } });
    expect(view.status).toBe(200);
    expect(view.json).toMatchObject({
      id: activity.id,
      gameplay: 'wheel',
      status: 'LIVE',
      tiers: [{ name: 'Jackpot', probability: 1 }],
      noWinProbability: 0,
    });
    expect((await callRoute(me, { headers: bearer(token), params: { activityId: activity.id } })).json).toMatchObject({
      chances: 2,
      drawsToday: 0,
      wins: [],
    });
    const won = await post(activity.id, token);
    const after = (await callRoute(me, { headers: bearer(token), params: { activityId: activity.id } })).json;
    expect(after).toMatchObject({ chances: 1, drawsToday: 1 });
    expect(after.wins.map((w: { id: string }) => w.id)).toEqual(won.json.winIds);
    expect((await callRoute(myWins, { headers: bearer(token) })).json.wins).toHaveLength(1);
    const stranger = await freshTenant();
    expect(
      (
        await callRoute(activityView, {
          headers: bearer(await stranger.userToken('gina')),
          params: { activityId: activity.id },
        })
      ).status,
    ).toBe(404);
  });
});
