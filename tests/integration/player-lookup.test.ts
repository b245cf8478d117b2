// Support's lookup of one player: that player's records in that tenant only, contact details
// masked for analysts, hostile ids refused, and a draw a risk rule forced to lose says so.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { claimWin } from '@/lib/fulfilment/claim-win';
import { lookUpUser } from '@/lib/support/look-up-user';
import { AppError } from '@/lib/errors';
import { endUser, liveActivity } from '../helpers/activities';

const played = async () => {
  const live = await liveActivity((p) => [{ probability: 1, stock: 100, prizes: [{ prizeId: p[0]! }] }], {
    overrides: { limits: { freeDrawsPerDay: 3 } },
  });
  await executeDraw(endUser(live.tenant, 'alice'), live.activity.id, randomUUID());
  await executeDraw(endUser(live.tenant, 'alice'), live.activity.id, randomUUID());
  await executeDraw(endUser(live.tenant, 'bob'), live.activity.id, randomUUID());
  return live;
};

describe('player lookup', () => {
  it("shows one player's draws, wins and activities in the tenant, nobody else's", async () => {
    const a = await played();
    const b = await played();
    const found = await lookUpUser(a.tenant.id, 'alice');
    expect(found.activities).toEqual([expect.objectContaining({ id: a.activity.id, draws: 2, wins: 2 })]);
    expect(found.draws).toHaveLength(2);
    expect(found.draws.every((d) => d.activityId === a.activity.id && d.outcome === 'WIN')).toBe(true);
    expect(found.draws[0]!.why).toMatch(/^won /);
    expect(found.wins.map((w) => w.activityId)).toEqual([a.activity.id, a.activity.id]);
    // Alice of tenant B is another person.
    expect((await lookUpUser(b.tenant.id, 'alice')).draws.every((d) => d.activityId === b.activity.id)).toBe(true);
    expect((await lookUpUser(a.tenant.id, 'ALICE')).activities).toEqual([]);
  });

  it('masks contact details for analysts and refuses a hostile user id', async () => {
    const a = await played();
    const [win] = await db.win.findMany({ where: { activityId: a.activity.id, userId: 'bob' } });
    await claimWin(endUser(a.tenant, 'bob'), win!.id, {
      name: 'Bob',
      phone: '13812345678',
      address: '1 Long Road, Springfield',
    });
    expect((await lookUpUser(a.tenant.id, 'bob')).wins[0]!.claim!.phone).toBe('13812345678');
    expect((await lookUpUser(a.tenant.id, 'bob', { masked: true })).wins[0]!.claim!.phone).toBe('138******78');
    for (const bad of ['', 'a\u0000b', ' padded', 'x'.repeat(129)])
      await expect(lookUpUser(a.tenant.id, bad)).rejects.toBeInstanceOf(AppError);
  });

  it("names what turned a draw's picked tier into no win, from the draw's proof", async () => {
    const live = await liveActivity((p) => [{ probability: 1, stock: 1, prizes: [{ prizeId: p[0]! }] }], {
      overrides: { limits: { freeDrawsPerDay: 3 } },
    });
    await executeDraw(endUser(live.tenant, 'carol'), live.activity.id, randomUUID());
    await executeDraw(endUser(live.tenant, 'carol'), live.activity.id, randomUUID());
    const [last, first] = (await lookUpUser(live.tenant.id, 'carol')).draws;
    expect(first!.why).toMatch(/^won /);
    expect(last!.outcome).toBe('LOSE');
    expect(last!.why).toBe('the odds picked tier 1, but it was out of stock');
  });

  it('says when a risk rule made a draw lose', async () => {
    const { whyOf } = await import('@/lib/support/look-up-user');
    expect(whyOf({ outcome: 'LOSE', riskAction: 'FORCE_LOSE', tier: null })).toMatch(/risk rule/);
    expect(whyOf({ outcome: 'LOSE', riskAction: null, tier: null })).toMatch(/odds/);
  });
});
