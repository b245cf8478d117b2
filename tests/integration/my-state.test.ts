// GET /api/v1/activities/{id}/me keeps the activity's limits and tasks a few seconds per process,
// but the user's own wins are read live: a claim, a shipment or a void shows on the next call.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET as me } from '@/app/api/v1/activities/[activityId]/me/route';
import { executeDraw } from '@/lib/draw/execute-draw';
import { claimWin } from '@/lib/fulfilment/claim-win';
import { shipWin } from '@/lib/fulfilment/ship-win';
import { voidWinByOperator } from '@/lib/fulfilment/void-win-by-operator';
import { endUser, liveActivity, testActor } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';

describe('GET /api/v1/activities/[id]/me', () => {
  it('shows each claim, shipment and void of the user wins on the next call, and only this activity', async () => {
    const tiers = (p: string[]) => [{ probability: 1, stock: 5, prizes: [{ prizeId: p[0]! }] }];
    const { tenant, activity } = await liveActivity(tiers, {
      overrides: { claimWindowHours: 48, limits: { freeDrawsPerDay: 3 } },
    });
    const { activity: other } = await liveActivity(tiers, { tenant });
    const user = endUser(tenant, 'collector');
    const [a, b] = [
      await executeDraw(user, activity.id, randomUUID()),
      await executeDraw(user, activity.id, randomUUID()),
    ];
    await executeDraw(user, other.id, randomUUID());
    const token = await tenant.userToken('collector');
    const state = async () => {
      const res = await callRoute(me, { headers: bearer(token), params: { activityId: activity.id } });
      expect(res.status).toBe(200);
      const wins = res.json.wins as { id: string; status: string }[];
      return { chances: res.json.chances as number, status: Object.fromEntries(wins.map((w) => [w.id, w.status])) };
    };
    const [winA, winB] = [a.winIds[0]!, b.winIds[0]!];
    expect(await state()).toEqual({ chances: 1, status: { [winA]: 'AWAITING_CLAIM', [winB]: 'AWAITING_CLAIM' } });
    await claimWin(user, winA, { name: 'Li Lei', phone: '+86 138 0000 0000', address: '1 Century Avenue, Shanghai' });
    expect((await state()).status[winA]).toBe('CLAIMED');
    await shipWin(tenant.id, testActor, winA, { carrier: 'SF', trackingNumber: 'SF123456' });
    expect((await state()).status[winA]).toBe('SHIPPED');
    await voidWinByOperator(tenant.id, testActor, winB, 'test');
    expect(await state()).toEqual({ chances: 1, status: { [winA]: 'SHIPPED', [winB]: 'VOID' } });
  });
});
