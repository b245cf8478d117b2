// Ids are case-insensitive on input and have one spelling inside: an upper- or mixed-case id in
// a path names the same activity, the same hot state and the same Redis keys. Through the real
// route handlers, with PostgreSQL and Redis.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { POST as draw } from '@/app/api/v1/activities/[activityId]/draws/route';
import { GET as me } from '@/app/api/v1/activities/[activityId]/me/route';
import { POST as completeTask } from '@/app/api/v1/activities/[activityId]/tasks/[taskId]/complete/route';
import { PATCH as patchPeriod } from '@/app/api/manage/activities/[id]/route';
import { POST as end } from '@/app/api/manage/activities/[id]/end/route';
import { POST as pause } from '@/app/api/manage/activities/[id]/pause/route';
import { POST as resume } from '@/app/api/manage/activities/[id]/resume/route';
import { POST as poolStock } from '@/app/api/manage/activities/[id]/stock/route';
import { PATCH as patchTier } from '@/app/api/manage/activities/[id]/tiers/[tierId]/route';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { drawKeys } from '@/lib/draw/keys';
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { createRedis } from '@/lib/redis';
import { mixedCase } from '../fuzz/hostile';
import { liveActivity } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';

const redis = createRedis('worker');
afterAll(() => redis.quit());

/** The same id, spelled three ways: lower, upper and mixed case. */
const spellings = (id: string) => [id, id.toUpperCase(), mixedCase(id)];

const drawAs = (token: string, activityId: string, key = randomUUID()) =>
  callRoute(draw, { method: 'POST', headers: { ...bearer(token), 'idempotency-key': key }, params: { activityId } });
type Route = Parameters<typeof callRoute>[0];
type Call = { method?: string; body?: object };
const manage = (route: Route, apiKey: string, params: Record<string, string>, { method = 'POST', body }: Call = {}) =>
  callRoute(route, { method, headers: bearer(apiKey), params, ...(body ? { body } : {}) });

const epochOf = async (id: string) =>
  (await db.activity.findUniqueOrThrow({ where: { id }, select: { stateEpoch: true } })).stateEpoch;

/** Keys under a hash tag spelled other than in lower case: there must never be any. */
async function keysUnderOtherSpellings(id: string): Promise<string[]> {
  const found: string[] = [];
  for (const spelled of spellings(id).filter((s) => s !== id)) {
    let cursor = '0';
    do {
      const pattern = `${config().REDIS_PREFIX}:{act:${spelled}}*`;
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
  }
  return found;
}

describe('an id in any case names one activity', () => {
  it('300 concurrent draws with upper- and mixed-case ids: no 503, no rebuild, chances exact per user', async () => {
    const USERS = 100;
    const tiers = (p: string[]) => [{ probability: 0.3, stock: 1_000, prizes: [{ prizeId: p[0]! }] }];
    const { tenant, activity } = await liveActivity(tiers, {
      stocks: [1_000],
      overrides: {
        limits: { freeDrawsPerDay: 1, maxDrawsPerDay: 10 },
        tasks: [{ kind: 'sign_in', name: 'Check in', chances: 2, perDay: 1 }],
      },
    });
    const taskId = activity.tasks[0]!.id;
    const epochBefore = await epochOf(activity.id);
    const users = Array.from({ length: USERS }, (_, i) => `case-user-${i}`);
    const tokens = await Promise.all(users.map((u) => tenant.userToken(u)));

    // Each user earns 2 chances by an id spelled in upper case (activity and task alike).
    for (const [i, token] of tokens.entries()) {
      const params = { activityId: spellings(activity.id)[i % 3]!, taskId: taskId.toUpperCase() };
      const res = await callRoute(completeTask, { method: 'POST', headers: bearer(token), params });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    }

    // 1 free + 2 earned = 3 draws each, all at once, a third of them per spelling.
    const answers = await Promise.all(
      tokens.flatMap((token, u) => [0, 1, 2].map((d) => drawAs(token, spellings(activity.id)[(u + d) % 3]!))),
    );
    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ 200: USERS * 3 });

    // No rebuild happened, and nothing lives under another spelling of the id.
    expect(await epochOf(activity.id)).toBe(epochBefore);
    expect(await keysUnderOtherSpellings(activity.id)).toEqual([]);

    // Chances balance per user: granted − consumed = remaining, in the records and in Redis.
    const where = { activityId: activity.id };
    const granted = await db.chanceGrant.groupBy({ by: ['userId'], where, _sum: { chances: true } });
    const used = await db.draw.groupBy({ by: ['userId', 'chanceKind'], where, _count: { _all: true } });
    for (const [i, userId] of users.entries()) {
      const g = granted.find((r) => r.userId === userId)?._sum.chances ?? 0;
      const drawn = (kind: string) => used.find((r) => r.userId === userId && r.chanceKind === kind)?._count._all ?? 0;
      const [consumed, free] = [drawn('GRANTED'), drawn('FREE')];
      expect({ g, consumed, free }).toEqual({ g: 2, consumed: 2, free: 1 });
      const hot = await redis.hmget(drawKeys(activity.id).user(userId), 'granted', 'used', 'total');
      expect(hot.map(Number)).toEqual([g, consumed, 3]);
      const params = { activityId: activity.id.toUpperCase() };
      const mine = await callRoute(me, { headers: bearer(tokens[i]!), params });
      expect(mine.json.chances).toBe(g - consumed);
    }
    // And the next draw, in any spelling, has no chance left to take.
    expect((await drawAs(tokens[0]!, activity.id.toUpperCase())).json.error.code).toBe('NO_CHANCES');
  });

  it('pause, resume, PATCH tier and period, pool stock and end by an upper-case id change the live draw', async () => {
    const STOCK = 100;
    const tiers = (p: string[]) => [{ probability: 0, stock: STOCK, prizes: [{ prizeId: p[0]! }] }];
    const { tenant, prizes, activity } = await liveActivity(tiers, {
      stocks: [STOCK + 50],
      overrides: { limits: { freeDrawsPerDay: 100, maxDrawsPerDay: 100 } },
    });
    const ID = activity.id.toUpperCase();
    const TIER = activity.tiers[0]!.id.toUpperCase();
    const prizeId = prizes[0]!.id;
    const token = await tenant.userToken('player');
    const k = drawKeys(activity.id);
    const code = async (activityId = activity.id) => {
      const res = await drawAs(token, activityId);
      return res.status === 200 ? res.json.outcome : res.json.error.code;
    };

    expect((await manage(pause, tenant.apiKey, { id: ID })).status).toBe(200);
    expect(await code()).toBe('ACTIVITY_NOT_LIVE');
    expect(await code(ID)).toBe('ACTIVITY_NOT_LIVE');
    expect((await manage(resume, tenant.apiKey, { id: ID })).status).toBe(200);
    expect(await code()).toBe('lose');

    // Odds: what Redis uses is what was set, by either spelling of the tier's id.
    const tier = { id: ID, tierId: TIER };
    const sure = await manage(patchTier, tenant.apiKey, tier, { method: 'PATCH', body: { probability: 1 } });
    expect(sure.status, JSON.stringify(sure.json)).toBe(200);
    expect(JSON.parse((await redis.hget(k.cfg, 'tiers'))!)[0].p).toBe(1_000_000);
    expect(await code()).toBe('win');
    expect(await code(ID)).toBe('win');
    // Tier stock: the tier has 2 wins issued, 10 in all now.
    expect((await manage(patchTier, tenant.apiKey, tier, { method: 'PATCH', body: { stock: 10 } })).status).toBe(200);
    expect(Number(await redis.hget(k.stock, `t:${activity.tiers[0]!.id}`))).toBe(8);

    // Period: the hot state holds the new end.
    const endsAt = new Date(Date.now() + 3 * 86_400_000);
    endsAt.setUTCMilliseconds(0);
    const period = { method: 'PATCH', body: { endsAt: endsAt.toISOString() } };
    const moved = await manage(patchPeriod, tenant.apiKey, { id: ID }, period);
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    expect(Number(await redis.hget(k.cfg, 'endsAt'))).toBe(endsAt.getTime());

    // Pool stock: 50 more units, shown to the draw at once.
    const before = Number(await redis.hget(k.stock, `p:${prizeId}`));
    const more = { body: { prizeId: prizeId.toUpperCase(), quantity: 50 } };
    const added = await manage(poolStock, tenant.apiKey, { id: ID }, more);
    expect(added.status, JSON.stringify(added.json)).toBe(200);
    expect(Number(await redis.hget(k.stock, `p:${prizeId}`))).toBe(before + 50);

    // End: the draw stops at once, unused stock goes back exactly once, and the books reconcile.
    expect((await manage(end, tenant.apiKey, { id: ID })).status).toBe(200);
    expect(await code()).toBe('ACTIVITY_NOT_LIVE');
    expect(await code(ID)).toBe('ACTIVITY_NOT_LIVE');
    expect((await manage(end, tenant.apiKey, { id: ID })).json.error.code).toBe('INVALID_STATE');
    const wins = { activityId: activity.id, status: { not: 'VOID' as const } };
    const won = await db.win.aggregate({ where: wins, _sum: { quantity: true } });
    const poolKey = { activityId_prizeId: { activityId: activity.id, prizeId } };
    const pool = await db.activityStock.findUniqueOrThrow({ where: poolKey });
    const prize = await db.prize.findUniqueOrThrow({ where: { id: prizeId } });
    expect(won._sum.quantity).toBe(2);
    expect(pool).toMatchObject({ reserved: STOCK + 50, issued: 2, returned: STOCK + 50 - 2 });
    expect(prize.availableStock).toBe(STOCK + 50 - 2);
    expect(await db.stockMovement.count({ where: { activityId: activity.id, kind: 'RETURN' } })).toBe(1);
    expect(await reconcileActivity(activity.id)).toEqual([]);
    expect(await keysUnderOtherSpellings(activity.id)).toEqual([]);
  });
});
