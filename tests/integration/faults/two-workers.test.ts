// Two workers processes on the same queues, under draw traffic, every job also queued a second
// time under another job id: each effect happens once.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { activityMeta } from '@/lib/draw/activity-state';
import { decideDraw, executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { localDay } from '@/lib/draw/local-day';
import { closeQueues, enqueue, getQueue, type QueueName } from '@/lib/queues';
import { createRedis } from '@/lib/redis';
import { endUser, liveActivity } from '../../helpers/activities';
import { freshTenant } from '../../helpers/fixtures';
import { addWebhookEndpoint, startHookReceiver } from '../../helpers/hook-receiver';
import { emitWinCreated } from '@/lib/webhooks/emit-win-created';
import { startWorkers, waitFor } from '../../helpers/workers';

const redis = createRedis('worker');
const receiver = await startHookReceiver();
const hooks = receiver.hooks;
afterAll(async () => {
  await closeQueues();
  await redis.quit();
  await receiver.close();
});

const jobDone = async (queue: QueueName, jobId: string) =>
  (await (await getQueue(queue).getJob(jobId))?.isCompleted()) ?? false;

describe('two workers processes', () => {
  it('under draw traffic, with every job queued twice, do each effect once', async () => {
    const tenant = await freshTenant();
    const endsAt = Date.now() + 25_000;
    const { activity, prizes } = await liveActivity(
      (p) => [{ probability: 0.2, stock: 200, prizes: [{ prizeId: p[0]! }] }],
      {
        tenant,
        stocks: [500],
        overrides: { endsAt: new Date(endsAt).toISOString(), limits: { freeDrawsPerDay: 1_000 } },
      },
    );
    // Expired claims of another activity.
    const claims = await liveActivity((p) => [{ probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] }], {
      tenant,
      stocks: [50],
      overrides: { limits: { freeDrawsPerDay: 5 } },
    });
    for (let i = 0; i < 5; i++) await executeDraw(endUser(tenant, `c${i}`), claims.activity.id, randomUUID());
    await db.win.updateMany({ where: { activityId: claims.activity.id }, data: { claimExpiresAt: new Date(0) } });
    // The host app hears of every win from here on; one win's win.created is also queued twice by hand.
    await addWebhookEndpoint(tenant.id, receiver.url, { events: ['win.created'] });
    const told = await db.win.findFirstOrThrow({ where: { activityId: claims.activity.id } });
    const [toldDelivery] = await db.$transaction((tx) => emitWinCreated(tx, tenant.id, [told.id]));

    const workers = [startWorkers(), startWorkers()];
    let drawn = 0;
    try {
      // Draw traffic until the activity ends: most committed by this process, every tenth left to
      // the stream as if its web process had died.
      const meta = (await activityMeta(redis, activity.id))!;
      let open = true;
      let i = 0;
      const traffic = Array.from({ length: 8 }, async () => {
        while (open && Date.now() < endsAt + 10_000) {
          const n = i++;
          const user = endUser(tenant, `u${n % 40}`);
          if (n % 10 === 0) {
            const now = Date.now();
            const day = localDay(meta.timezone, now);
            const r = await decideDraw({ redis, activityId: activity.id, meta, user, key: randomUUID(), day, now });
            if (r.kind === 'error') open = false;
            else drawn++;
          } else {
            const ok = await executeDraw(user, activity.id, randomUUID()).then(
              () => true,
              () => false,
            );
            if (ok) drawn++;
            else open = false;
          }
        }
      });
      // Meanwhile every queue gets its job twice, under two ids.
      for (const copy of ['a', 'b']) {
        await enqueue('claim-expiry', {}, { jobId: `expire-${claims.activity.id}-${copy}` });
        await enqueue('deliveries', { deliveryId: toldDelivery! }, { jobId: `n-${copy}-${toldDelivery}` });
        await enqueue('draw-log', { pass: 'full' }, { jobId: `full-${activity.id}-${copy}` });
        await enqueue('reconcile', { activityId: claims.activity.id }, { jobId: `rec-${claims.activity.id}-${copy}` });
        await enqueue(
          'activity-lifecycle',
          { activityId: activity.id, transition: 'end', configVersion: 1 },
          { jobId: `end-${activity.id}-${copy}`, delay: endsAt - Date.now() },
        );
      }
      await Promise.all(traffic);
      for (const copy of ['a', 'b'])
        await enqueue('settle', { activityId: activity.id }, { jobId: `settle-${activity.id}-${copy}`, delay: 3_000 });
      const settled = await waitFor(
        async () => (await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).status,
        (s) => s === 'SETTLED',
        90_000,
      );
      expect(settled).toBe('SETTLED');
      for (const copy of ['a', 'b'])
        await enqueue('stats', { activityId: activity.id, settle: true }, { jobId: `stats-${activity.id}-${copy}` });
      const statsDone = await waitFor(
        async () =>
          (await jobDone('stats', `stats-${activity.id}-a`)) &&
          (await jobDone('stats', `stats-${activity.id}-b`)) &&
          (await jobDone('reconcile', `rec-${claims.activity.id}-b`)) &&
          (await jobDone('reconcile', `rec-${claims.activity.id}-a`)),
        Boolean,
        60_000,
      );
      expect(statsDone).toBe(true);
    } finally {
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map((w) => once(w, 'exit')));
    }
    expect(drawn).toBeGreaterThan(50);
    // Draws: each once, in rows, participation and statistics.
    expect(await db.draw.count({ where: { activityId: activity.id } })).toBe(drawn);
    const participation = await db.participation.aggregate({
      where: { activityId: activity.id },
      _sum: { draws: true },
    });
    expect(participation._sum.draws).toBe(drawn);
    const buckets = await db.statsBucket.aggregate({ where: { activityId: activity.id }, _sum: { draws: true } });
    expect(buckets._sum.draws).toBe(drawn);
    expect(await redis.xlen(drawKeys(activity.id).stream)).toBe(0);
    // Lifecycle and settle: one end, one return, the stock right.
    expect(await db.auditLog.count({ where: { objectId: activity.id, action: 'activity.end' } })).toBe(1);
    expect(await db.stockMovement.count({ where: { activityId: activity.id, kind: 'RETURN' } })).toBe(1);
    const wins = await db.win.count({ where: { activityId: activity.id } });
    expect((await db.prize.findUniqueOrThrow({ where: { id: prizes[0]!.id } })).availableStock).toBe(500 - wins);
    // Claim expiry: each win voided once.
    expect(await db.win.count({ where: { activityId: claims.activity.id, status: { not: 'VOID' } } })).toBe(0);
    expect(await db.stockMovement.count({ where: { activityId: claims.activity.id, kind: 'RETURN' } })).toBe(5);
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: 'win.void' } })).toBe(5);
    // Webhooks: at least once, one event id per win; reconciliation finds nothing.
    const toldHooks = hooks.filter((h) => h.data?.winId === told.id);
    expect(new Set(toldHooks.map((h) => h.id)).size).toBe(1);
    expect(toldHooks.length).toBeGreaterThanOrEqual(1);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: toldDelivery! } })).toMatchObject({
      status: 'DELIVERED',
    });
    const stockAlerts = await db.alert.findMany({
      where: { tenantId: tenant.id, kind: { startsWith: 'stock.' } },
      select: { kind: true, message: true, details: true },
    });
    expect(stockAlerts).toEqual([]);
  }, 240_000);
});
