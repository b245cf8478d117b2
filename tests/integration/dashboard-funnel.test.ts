// The dashboard's funnel (page views → players → draws → wins → claims → shipped) and prize budget (value won
// against every tier's stock won), from the stats buckets and the win rows.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivity } from '@/lib/activities/create-activity';
import { db } from '@/lib/db';
import { publishActivity } from '@/lib/activities/publish-activity';
import { executeDraw } from '@/lib/draw/execute-draw';
import { claimWin } from '@/lib/fulfilment/claim-win';
import { shipWin } from '@/lib/fulfilment/ship-win';
import { createPrize } from '@/lib/prizes/create-prize';
import { createRedis } from '@/lib/redis';
import { aggregateActivityStats } from '@/lib/stats/aggregate-activity-stats';
import { getDashboardData } from '@/lib/stats/get-dashboard-data';
import { endUser, specFor, testActor } from '../helpers/activities';
import { freshTenant } from '../helpers/fixtures';

const redis = createRedis('worker');
afterAll(() => redis.quit());

describe('dashboard funnel and budget', () => {
  it('counts each step of the funnel and values the prizes won against the plan', async () => {
    const tenant = await freshTenant();
    const mug = await createPrize(tenant.id, testActor, { name: 'Mug', kind: 'physical', value: 12.5, stock: 100 });
    const pen = await createPrize(tenant.id, testActor, { name: 'Pen', kind: 'physical', value: 2, stock: 100 });
    // Every draw wins one mug and two pens (16.50); 10 of them planned: 165.00.
    const spec = specFor(
      [{ probability: 1, stock: 10, prizes: [{ prizeId: mug.id }, { prizeId: pen.id, quantity: 2 }] }],
      {
        limits: { freeDrawsPerDay: 2 },
      },
    );
    const activity = await publishActivity(tenant.id, testActor, (await createActivity(tenant.id, testActor, spec)).id);
    for (const u of ['a', 'b', 'c', 'a']) await executeDraw(endUser(tenant, u), activity.id, randomUUID());
    const mugWin = async (u: string) =>
      (await db.win.findFirstOrThrow({ where: { activityId: activity.id, userId: u, prizeId: mug.id } })).id;
    const address = { phone: '13812345678', address: '1 Road, Town' };
    await claimWin(endUser(tenant, 'b'), await mugWin('b'), { name: 'B', ...address });
    await claimWin(endUser(tenant, 'c'), await mugWin('c'), { name: 'C', ...address });
    await shipWin(tenant.id, testActor, await mugWin('b'), { carrier: 'SF', trackingNumber: 'SF123' });
    await aggregateActivityStats(redis, activity.id, { settle: true });

    const data = await getDashboardData(tenant.id, activity.id);
    expect(data.funnel).toEqual({ pageViews: 0, players: 3, draws: 4, wins: 4, claimed: 2, shipped: 1 });
    expect(data.budget).toEqual({ plannedMinor: 16_500, issuedMinor: 4 * 1_650 });
  });
});
