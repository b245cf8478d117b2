// GET /api/v1/activities/{id}/me answers the user's wins and task grants from Redis, kept there
// until a writer of them forgets them: each writer's change shows on the next call, a read that
// raced a write is never kept, and a lost entry is read again from PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as me } from '@/app/api/v1/activities/[activityId]/me/route';
import { POST as complete } from '@/app/api/v1/activities/[activityId]/tasks/[taskId]/complete/route';
import { GET as view } from '@/app/api/v1/activities/[activityId]/route';
import { PATCH as patchPrize } from '@/app/api/manage/prizes/[prizeId]/route';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { claimWin } from '@/lib/fulfilment/claim-win';
import { approveHeldWin } from '@/lib/fulfilment/review-held-win';
import { shipWin } from '@/lib/fulfilment/ship-win';
import { voidWinByOperator } from '@/lib/fulfilment/void-win-by-operator';
import {
  fillUserRecords,
  forgetUserRecords,
  readUserRecords,
  touchActivities,
  userRecordsKey,
} from '@/lib/read-cache/user-records-cache';
import { createRedis } from '@/lib/redis';
import { endUser, liveActivity, testActor } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

const redis = createRedis('worker');
afterAll(() => redis.quit());

const address = { name: 'Li Lei', phone: '+86 138 0000 0000', address: '1 Century Avenue, Shanghai' };
type WinSeen = { id: string; status: string; quantity: number; prize: { name: string } };

async function myState(token: string, activityId: string) {
  const res = await callRoute(me, { headers: bearer(token), params: { activityId } });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as { chances: number; wins: WinSeen[]; tasks: { id: string; doneToday: number }[] };
}
const statuses = (wins: WinSeen[]) => Object.fromEntries(wins.map((w) => [w.id, w.status]));

describe('GET /api/v1/activities/[id]/me from the records kept in Redis', () => {
  it('answers from the kept records and shows each win, claim, shipment and void on the next call', async () => {
    const tiers = (p: string[]) => [{ probability: 1, stock: 5, prizes: [{ prizeId: p[0]! }] }];
    const { tenant, activity } = await liveActivity(tiers, {
      overrides: { claimWindowHours: 48, limits: { freeDrawsPerDay: 3 } },
    });
    const user = endUser(tenant, 'keeper');
    const token = await tenant.userToken('keeper');
    const state = () => myState(token, activity.id);
    expect((await state()).wins).toEqual([]);

    const winA = (await executeDraw(user, activity.id, randomUUID())).winIds[0]!;
    expect(statuses((await state()).wins)).toEqual({ [winA]: 'AWAITING_CLAIM' });
    // A row changed behind every writer's back is not seen: the answer is the one kept in Redis.
    await db.win.update({ where: { id: winA }, data: { quantity: 7 } });
    expect((await state()).wins[0]!.quantity).toBe(1);

    await claimWin(user, winA, address);
    expect((await state()).wins).toEqual([expect.objectContaining({ id: winA, status: 'CLAIMED', quantity: 7 })]);
    await db.win.update({ where: { id: winA }, data: { quantity: 1 } });
    await shipWin(tenant.id, testActor, winA, { carrier: 'SF', trackingNumber: 'SF123456' });
    expect((await state()).wins).toEqual([expect.objectContaining({ id: winA, status: 'SHIPPED', quantity: 1 })]);
    const winB = (await executeDraw(user, activity.id, randomUUID())).winIds[0]!;
    expect(statuses((await state()).wins)).toEqual({ [winA]: 'SHIPPED', [winB]: 'AWAITING_CLAIM' });
    await voidWinByOperator(tenant.id, testActor, winB, 'test');
    expect(statuses((await state()).wins)).toEqual({ [winA]: 'SHIPPED', [winB]: 'VOID' });

    // The entry lost (Redis emptied, evicted): read from PostgreSQL again, and kept again.
    await db.win.update({ where: { id: winB }, data: { quantity: 3 } });
    const key = userRecordsKey({ tenantId: tenant.id, activityId: activity.id, userId: 'keeper' });
    expect(await redis.del(key)).toBe(1);
    const refilled = await state();
    expect(statuses(refilled.wins)).toEqual({ [winA]: 'SHIPPED', [winB]: 'VOID' });
    expect(refilled.wins.find((w) => w.id === winB)!.quantity).toBe(3);
    expect(await redis.hexists(key, 'v')).toBe(1);
    expect(refilled.chances).toBe(1);
  });

  it('shows a held win once approved, chances a task granted, and a prize renamed', async () => {
    const { tenant, activity, prizes } = await liveActivity(
      (p) => [{ probability: 1, stock: 5, prizes: [{ prizeId: p[0]! }] }],
      {
        overrides: {
          claimWindowHours: 48,
          limits: { freeDrawsPerDay: 0 },
          tasks: [{ kind: 'sign_in', name: 'Sign in', chances: 1, perDay: 1 }],
        },
      },
    );
    const token = await tenant.userToken('tasker');
    const taskId = (await myState(token, activity.id)).tasks[0]!.id;
    expect((await myState(token, activity.id)).tasks[0]!.doneToday).toBe(0);
    const done = await callRoute(complete, {
      method: 'POST',
      headers: bearer(token),
      params: { activityId: activity.id, taskId },
    });
    expect(done.status).toBe(200);
    const after = await myState(token, activity.id);
    expect([after.chances, after.tasks[0]!.doneToday]).toEqual([1, 1]);

    const winId = (await executeDraw(endUser(tenant, 'tasker'), activity.id, randomUUID())).winIds[0]!;
    expect(statuses((await myState(token, activity.id)).wins)).toEqual({ [winId]: 'AWAITING_CLAIM' });
    // Held by a risk rule meanwhile (set here in the rows), then approved by an operator.
    await db.win.update({ where: { id: winId }, data: { status: 'HELD' } });
    await approveHeldWin(tenant.id, testActor, winId);
    const approved = await db.win.findUniqueOrThrow({ where: { id: winId }, select: { claimExpiresAt: true } });
    const seen = (await myState(token, activity.id)).wins[0]!;
    expect(seen).toMatchObject({ status: 'AWAITING_CLAIM', claimExpiresAt: approved.claimExpiresAt!.toISOString() });

    const renamed = await callRoute(patchPrize, {
      method: 'PATCH',
      headers: bearer(tenant.apiKey),
      params: { prizeId: prizes[0]!.id },
      body: { name: 'Golden kettle' },
    });
    expect(renamed.status, JSON.stringify(renamed.json)).toBe(200);
    expect((await myState(token, activity.id)).wins[0]!.prize.name).toBe('Golden kettle');
    const publicView = await callRoute(view, { headers: bearer(token), params: { activityId: activity.id } });
    expect(publicView.json.tiers[0].prizes[0].name).toBe('Golden kettle');
  });

  it('keeps no records read from PostgreSQL while a writer changed them', async () => {
    const owner = { tenantId: randomUUID(), activityId: randomUUID(), userId: 'racer' };
    const before = await readUserRecords<string>(owner);
    expect(before.records).toBeNull();
    // A writer commits and forgets between the reader's stamp and its fill: the fill is refused.
    await forgetUserRecords([owner]);
    expect(await fillUserRecords(owner, before.stamp, 'stale')).toBe(false);
    expect((await readUserRecords<string>(owner)).records).toBeNull();
    const fresh = await readUserRecords<string>(owner);
    expect(await fillUserRecords(owner, fresh.stamp, 'fresh')).toBe(true);
    expect((await readUserRecords<string>(owner)).records).toBe('fresh');
    // A change to the whole activity (a prize renamed) refuses a fill stamped before it, and hides what was kept.
    const stamped = await readUserRecords<string>(owner);
    await touchActivities([owner.activityId]);
    expect((await readUserRecords<string>(owner)).records).toBeNull();
    expect(await fillUserRecords(owner, stamped.stamp, 'stale')).toBe(false);
  });

  it('forgets every entry one call names, across activities, and no other', async () => {
    const tenantId = randomUUID();
    const [a, b] = [randomUUID(), randomUUID()];
    const owners = [
      { tenantId, activityId: a, userId: 'u1' },
      { tenantId, activityId: a, userId: 'u2' },
      { tenantId, activityId: b, userId: 'u1' },
    ];
    const bystander = { tenantId, activityId: a, userId: 'u3' };
    for (const owner of [...owners, bystander]) {
      const { stamp } = await readUserRecords<string>(owner);
      expect(await fillUserRecords(owner, stamp, 'kept')).toBe(true);
    }
    await forgetUserRecords(owners);
    for (const owner of owners) {
      expect((await readUserRecords<string>(owner)).records).toBeNull();
      expect(await redis.ttl(userRecordsKey(owner))).toBeGreaterThan(0);
    }
    expect((await readUserRecords<string>(bystander)).records).toBe('kept');
  });

  it("never shows one tenant's records to a user of the same id in another tenant", async () => {
    const tiers = (p: string[]) => [{ probability: 1, stock: 5, prizes: [{ prizeId: p[0]! }] }];
    const { tenant, activity } = await liveActivity(tiers, { overrides: { claimWindowHours: 48 } });
    const { tenant: other, activity: theirs } = await liveActivity(tiers, { tenant: await freshTenant() });
    await executeDraw(endUser(tenant, 'twin'), activity.id, randomUUID());
    expect((await myState(await tenant.userToken('twin'), activity.id)).wins).toHaveLength(1);
    const otherToken = await other.userToken('twin');
    const across = await callRoute(me, { headers: bearer(otherToken), params: { activityId: activity.id } });
    expect(across.status).toBe(404);
    expect((await myState(otherToken, theirs.id)).wins).toEqual([]);
  });
});
