// A change scheduled a few seconds ahead, applied by the apply-change job with the workers process
// SIGKILLed at the moment of applying (the hot state moved, the records not yet committed), then
// started again: the job's next delivery applies it, and everything it does happens once. A job
// delivered again after that changes nothing.
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { POST as proposeRoute } from '@/app/api/manage/activities/[id]/changes/route';
import { db } from '@/lib/db';
import { drawKeys } from '@/lib/draw/keys';
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { closeQueues, enqueue, getQueue } from '@/lib/queues';
import { createRedis } from '@/lib/redis';
import { heldKey } from '@/lib/workers/hold-point';
import { liveActivity } from '../../helpers/activities';
import { bearer, callRoute } from '../../helpers/fixtures';
import { startWorkers, waitFor } from '../../helpers/workers';

const redis = createRedis('worker');
afterAll(async () => {
  await closeQueues();
  await redis.quit();
});

describe('a scheduled change with the workers killed while applying it', () => {
  it('is applied once, at its time, by the next delivery', async () => {
    const { tenant, activity, prizes } = await liveActivity(
      (p) => [{ name: 'Gold', probability: 0.1, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [1000] },
    );
    const gold = activity.tiers[0]!.id;
    const applyAt = new Date(Date.now() + 5_000);
    const proposed = await callRoute(proposeRoute, {
      method: 'POST',
      headers: bearer(tenant.apiKey),
      params: { id: activity.id },
      body: { patch: { tiers: [{ id: gold, probability: 0.2, stock: 150 }] }, applyAt: applyAt.toISOString() },
    });
    expect(proposed.status).toBe(201);
    expect(proposed.json.status).toBe('SCHEDULED');
    const changeId = proposed.json.id as string;
    const hold = `change:apply:${changeId}`;
    const k = drawKeys(activity.id);
    const version = async () => (await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).configVersion;

    let workers = startWorkers({ WORKER_HOLD_AT: hold });
    try {
      expect(
        await waitFor(
          () => redis.exists(heldKey(hold)),
          (n) => n === 1,
          60_000,
        ),
      ).toBe(1);
      // Not before its time.
      expect(Date.now()).toBeGreaterThanOrEqual(applyAt.getTime());
      // Held between the hot state's move and the commit: the state is ahead, the records are not.
      expect(await redis.hget(k.cfg, 'version')).toBe('2');
      expect(await version()).toBe(1);
      workers.kill('SIGKILL');
      await once(workers, 'exit');
      await redis.del(heldKey(hold));
      workers = startWorkers();
      // The killed job's lock runs out and the new process takes it again (BullMQ: 30 s).
      const status = async () => (await db.change.findUniqueOrThrow({ where: { id: changeId } })).status;
      expect(await waitFor(status, (s) => s === 'APPLIED', 120_000)).toBe('APPLIED');

      // Delivered once more: nothing more happens.
      await enqueue('apply-change', { tenantId: tenant.id, changeId }, { jobId: `again-${changeId}` });
      const job = async () =>
        (await (await getQueue('apply-change').getJob(`again-${changeId}`))?.isCompleted()) ?? false;
      expect(await waitFor(job, Boolean, 60_000)).toBe(true);
    } finally {
      await redis.del(heldKey(hold));
      if (workers.exitCode === null && workers.signalCode === null) {
        workers.kill('SIGKILL');
        await once(workers, 'exit');
      }
    }

    expect(await version()).toBe(2);
    expect(await db.configVersion.count({ where: { activityId: activity.id } })).toBe(2);
    expect(await db.auditLog.count({ where: { objectId: changeId, action: 'change.apply' } })).toBe(1);
    const moves = await db.stockMovement.findMany({ where: { activityId: activity.id, reason: `change ${changeId}` } });
    expect(moves).toEqual([expect.objectContaining({ kind: 'RESERVE', activityDelta: 50 })]);
    expect((await db.prize.findUniqueOrThrow({ where: { id: prizes[0]!.id } })).availableStock).toBe(850);
    // The hot state holds the change once: 150 wins of Gold left, 150 units in the pool.
    expect(await redis.hget(k.stock, `t:${gold}`)).toBe('150');
    expect(await redis.hget(k.stock, `p:${prizes[0]!.id}`)).toBe('150');
    expect(await reconcileActivity(activity.id)).toEqual([]);
  }, 240_000);
});
