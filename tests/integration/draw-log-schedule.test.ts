import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import { activityMeta } from '@/lib/draw/activity-state';
import { drainDrawLog, runDrawLogJob } from '@/lib/draw/drain-draw-log';
import { decideDraw } from '@/lib/draw/execute-draw';
import { localDay } from '@/lib/draw/local-day';
import { returnUnusedStock } from '@/lib/inventory/return-unused-stock';
import { getQueue } from '@/lib/queues';
import { createRedis } from '@/lib/redis';
import { endUser, liveActivity } from '../helpers/activities';

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

  it('leaves the stream\'s last two seconds to the web processes committing them, and writes them after', async () => {
    const { tenant, activity } = await liveActivity((p) => [{ probability: 0.5, stock: 5, prizes: [{ prizeId: p[0]! }] }]);
    const meta = (await activityMeta(redis, activity.id))!;
    const now = Date.now();
    // Decided, not committed: as if its web process were still at it, or had died.
    const decided = await decideDraw({
      redis,
      activityId: activity.id,
      meta,
      user: endUser(tenant, 'pending'),
      key: randomUUID(),
      day: localDay(meta.timezone, now),
      now,
    });
    if (decided.kind !== 'ok') throw new Error(`draw refused: ${JSON.stringify(decided)}`);
    expect(await runDrawLogJob(redis, activity.id, now + 1_000)).toMatchObject({ persisted: 0, backlog: 1 });
    expect(await db.draw.findUnique({ where: { id: decided.record.d } })).toBeNull();
    expect(await runDrawLogJob(redis, activity.id, now + 3_000)).toMatchObject({ persisted: 1, inserted: 1, backlog: 0 });
    expect(await db.draw.findUnique({ where: { id: decided.record.d } })).not.toBeNull();
    // A settling drain (end of activity, fixed winners) takes everything at once.
    const later = await decideDraw({
      redis,
      activityId: activity.id,
      meta,
      user: endUser(tenant, 'late'),
      key: randomUUID(),
      day: localDay(meta.timezone, now),
      now: Date.now(),
    });
    expect(await drainDrawLog(redis, activity.id)).toMatchObject({ persisted: 1, backlog: 0 });
    expect(later.kind).toBe('ok');
  });
});

