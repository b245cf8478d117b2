// POST /api/manage/activities/{id}/end keeps its contract: the unused stock is back in the total
// pools when it answers. The activity is settled by then, and SETTLED stays the books' own: the
// API, the console and the draw show an ended activity, as before there was such a state.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { GET as publicView } from '@/app/api/v1/activities/[activityId]/route';
import { POST as draw } from '@/app/api/v1/activities/[activityId]/draws/route';
import { GET as manageView } from '@/app/api/manage/activities/[id]/route';
import { POST as end } from '@/app/api/manage/activities/[id]/end/route';
import { POST as pause } from '@/app/api/manage/activities/[id]/pause/route';
import { POST as poolStock } from '@/app/api/manage/activities/[id]/stock/route';
import { listActivities } from '@/lib/activities/list-activities';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { rebuildActivityState } from '@/lib/draw/rebuild-activity';
import { listRuleScopeActivities } from '@/lib/risk/risk-console-view';
import { getDashboardData } from '@/lib/stats/get-dashboard-data';
import { createRedis } from '@/lib/redis';
import { endUser, liveActivity } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';

vi.mock('server-only', () => ({}));

const redis = createRedis('worker');
afterAll(() => redis.quit());

describe('POST /api/manage/activities/{id}/end', () => {
  it('answers with the unused stock back in the total pools, the activity settled and shown as ENDED', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 20, prizes: [{ prizeId: p[0]! }, { prizeId: p[1]!, quantity: 2 }] }],
      { stocks: [100, 100] },
    );
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => executeDraw(endUser(tenant, `u${i}`), activity.id, randomUUID())),
    );
    const ended = await callRoute(end, { method: 'POST', headers: bearer(tenant.apiKey), params: { id: activity.id } });
    expect(ended.status).toBe(200);
    expect(ended.json.status).toBe('ENDED');

    // Back before the answer: each pool returned once, what no win took is free again.
    for (const [i, prize] of prizes.entries()) {
      const won =
        (await db.win.aggregate({ where: { activityId: activity.id, prizeId: prize.id }, _sum: { quantity: true } }))
          ._sum.quantity ?? 0;
      const reserved = 20 * (i + 1);
      expect((await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).availableStock).toBe(100 - won);
      expect(
        await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id, prizeId: prize.id } }),
      ).toMatchObject({ reserved, issued: won, returned: reserved - won });
      expect(
        await db.stockMovement.count({ where: { activityId: activity.id, prizeId: prize.id, kind: 'RETURN' } }),
      ).toBe(1);
    }
    const row = await db.activity.findUniqueOrThrow({ where: { id: activity.id } });
    expect(row.status).toBe('SETTLED');
    expect(row.settledAt).not.toBeNull();

    // Everything outside the books says ENDED.
    expect(
      (await callRoute(manageView, { headers: bearer(tenant.apiKey), params: { id: activity.id } })).json.status,
    ).toBe('ENDED');
    const token = await tenant.userToken('u1');
    expect(
      (await callRoute(publicView, { headers: bearer(token), params: { activityId: activity.id } })).json.status,
    ).toBe('ENDED');
    const listed = await listActivities(tenant.id, { status: 'ENDED' });
    expect(listed.map((a) => [a.id, a.status])).toEqual([[activity.id, 'ENDED']]);
    expect(await listActivities(tenant.id, { status: 'LIVE' })).toEqual([]);
    expect((await getDashboardData(tenant.id, activity.id)).activity.status).toBe('ENDED');
    expect(await listRuleScopeActivities(tenant.id)).toEqual([
      { id: activity.id, name: activity.name, status: 'ended' },
    ]);

    // Refused as an ended activity is refused, in the words used for one.
    const paused = await callRoute(pause, {
      method: 'POST',
      headers: bearer(tenant.apiKey),
      params: { id: activity.id },
    });
    expect([paused.status, paused.json.error.code, paused.json.error.message]).toEqual([
      409,
      'INVALID_STATE',
      'cannot pause an activity that is ENDED',
    ]);
    const moved = await callRoute(poolStock, {
      method: 'POST',
      headers: bearer(tenant.apiKey),
      params: { id: activity.id },
      body: { prizeId: prizes[0]!.id, quantity: 1 },
    });
    expect([moved.status, moved.json.error.code]).toEqual([409, 'INVALID_STATE']);
    const post = () =>
      callRoute(draw, {
        method: 'POST',
        headers: { ...bearer(token), 'idempotency-key': randomUUID() },
        params: { activityId: activity.id },
      });
    const refused = await post();
    expect([refused.status, refused.json.error.code, refused.json.error.message]).toEqual([
      409,
      'ACTIVITY_NOT_LIVE',
      'the activity has ended',
    ]);

    // Without its hot state too (no rebuild for a settled activity), and a rebuilt one says ENDED.
    const k = drawKeys(activity.id);
    await redis.del(k.cfg);
    const noState = await post();
    expect([noState.status, noState.json.error.code, noState.json.error.message]).toEqual([
      409,
      'ACTIVITY_NOT_LIVE',
      'the activity has ended',
    ]);
    expect(await rebuildActivityState(redis, activity.id, { graceMs: 0 })).toBe('rebuilt');
    expect(await redis.hget(k.cfg, 'status')).toBe('ENDED');
    expect((await post()).json.error.message).toBe('the activity has ended');

    // Nothing the console's audit trail shows names the internal state.
    const audit = await db.auditLog.findMany({ where: { objectId: activity.id } });
    expect(audit.map((a) => a.action).sort()).toEqual(['activity.create', 'activity.end', 'activity.publish']);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain('SETTLED');
  });
});
