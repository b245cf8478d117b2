import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { runDrawLogJob } from '@/lib/draw/drain-draw-log';
import { returnUnusedStock } from '@/lib/inventory/return-unused-stock';
import { getQueue } from '@/lib/queues';
import { createRedis } from '@/lib/redis';
import { liveActivity } from '../helpers/activities';

const redis = createRedis('worker');
afterAll(() => redis.quit());

const scheduled = async (activityId: string) => (await getQueue('draw-log').getJobSchedulers(0, -1)).some((j) => j.key === `drain:${activityId}`);

describe('the draw-log schedule of an activity', () => {
  it('keeps polling a live activity and stops once an ended one has settled', async () => {
    const { activity } = await liveActivity((p) => [{ probability: 0.5, stock: 5, prizes: [{ prizeId: p[0]! }] }]);
    expect(await scheduled(activity.id)).toBe(true);
    await runDrawLogJob(redis, activity.id);
    expect(await scheduled(activity.id)).toBe(true);

    const endedAt = new Date();
    await db.activity.update({ where: { id: activity.id }, data: { status: 'ENDED', endedAt } });
    await returnUnusedStock(activity.id);
    // Just ended: late stream entries may still come, so it keeps draining for a while.
    await runDrawLogJob(redis, activity.id, endedAt.getTime() + 1_000);
    expect(await scheduled(activity.id)).toBe(true);
    await runDrawLogJob(redis, activity.id, endedAt.getTime() + 5 * 60_000);
    expect(await scheduled(activity.id)).toBe(false);
  });
});
