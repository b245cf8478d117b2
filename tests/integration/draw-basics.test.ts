import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { endUser, liveActivity } from '../helpers/activities';

describe('a draw', () => {
  it('wins a bundle, is in PostgreSQL before it returns, and consumes the free chance', async () => {
    const { tenant, prizes, activity } = await liveActivity((p) => [{ probability: 1, stock: 5, prizes: [{ prizeId: p[0]! }, { prizeId: p[1]!, quantity: 2 }] }], { stocks: [10, 10] });
    const body = await executeDraw(endUser(tenant, 'alice'), activity.id, randomUUID());
    expect(body).toMatchObject({ outcome: 'win', tier: { id: activity.tiers[0]!.id, name: 'Tier 1' }, chancesLeft: 0 });
    expect(body.prizes).toEqual(expect.arrayContaining([
      { prizeId: prizes[0]!.id, name: 'Prize 1', kind: 'physical', quantity: 1 },
      { prizeId: prizes[1]!.id, name: 'Prize 2', kind: 'physical', quantity: 2 },
    ]));
    const draw = await db.draw.findUniqueOrThrow({ where: { id: body.drawId }, include: { wins: true } });
    expect(draw).toMatchObject({ outcome: 'WIN', userId: 'alice', chanceKind: 'FREE', tierId: activity.tiers[0]!.id });
    expect(draw.wins.map((w) => w.id).sort()).toEqual([...body.winIds].sort());
    expect(await db.participation.findUniqueOrThrow({ where: { activityId_userId: { activityId: activity.id, userId: 'alice' } } })).toMatchObject({ draws: 1, wins: 1 });
    await expect(executeDraw(endUser(tenant, 'alice'), activity.id, randomUUID())).rejects.toMatchObject({ code: 'NO_CHANCES' });
  });
});
