import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { requestRedis } from '@/lib/redis';
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

  it('leaves no copy in the stream once its rows are committed, so the worker never writes it twice', async () => {
    const { tenant, activity } = await liveActivity((p) => [{ probability: 0.5, stock: 50, prizes: [{ prizeId: p[0]! }] }], { overrides: { limits: { freeDrawsPerDay: 1 } } });
    await Promise.all(Array.from({ length: 60 }, (_, i) => executeDraw(endUser(tenant, `s${i}`), activity.id, randomUUID())));
    const redis = await requestRedis();
    let backlog = -1;
    for (let i = 0; i < 50 && backlog !== 0; i++) {
      backlog = await redis.xlen(drawKeys(activity.id).stream);
      if (backlog) await sleep(20);
    }
    expect(backlog).toBe(0);
    expect(await db.draw.count({ where: { activityId: activity.id } })).toBe(60);
  });
});
