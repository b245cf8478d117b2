// The workers process SIGKILLed in the middle of a job of every queue at once, each held at a
// step where some of its effects are made and the job is not yet done (lib/workers/hold-point.ts),
// then started again: BullMQ delivers the stalled jobs again and every effect is there once.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { transitionActivity } from '@/lib/activities/transition-activity';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { closeQueues, enqueue, getQueue, type QueueName } from '@/lib/queues';
import { createRedis } from '@/lib/redis';
import { heldKey } from '@/lib/workers/hold-point';
import { eventIdFor } from '@/lib/webhooks/emit-event';
import { ATTEMPT_LEASE_MS, EARLY_MS } from '@/lib/webhooks/send-delivery';
import { endUser, liveActivity, testActor } from '../../helpers/activities';
import { freshTenant } from '../../helpers/fixtures';
import { addWebhookEndpoint, startHookReceiver } from '../../helpers/hook-receiver';
import { startWorkers, waitFor } from '../../helpers/workers';

const redis = createRedis('worker');
const receiver = await startHookReceiver();
const hooks = receiver.hooks;
afterAll(async () => {
  await closeQueues();
  await redis.quit();
  await receiver.close();
});

type Tenant = Awaited<ReturnType<typeof freshTenant>>;

/** A live activity of `tenant` with `draws` committed draws; its prize holds 100, 20 reserved. */
async function played(tenant: Tenant, draws: number, endsAt?: number) {
  const live = await liveActivity((p) => [{ probability: 0.5, stock: 20, prizes: [{ prizeId: p[0]! }] }], {
    tenant,
    stocks: [100],
    overrides: {
      limits: { freeDrawsPerDay: 100 },
      ...(endsAt ? { endsAt: new Date(endsAt).toISOString() } : {}),
    },
  });
  for (let i = 0; i < draws; i++) await executeDraw(endUser(tenant, `u${i % 3}`), live.activity.id, randomUUID());
  const wins = await db.win.count({ where: { activityId: live.activity.id } });
  return { id: live.activity.id, prizeId: live.prizes[0]!.id, wins, draws };
}

const status = async (id: string) => (await db.activity.findUniqueOrThrow({ where: { id } })).status;
const jobDone = async (queue: QueueName, jobId: string) =>
  (await (await getQueue(queue).getJob(jobId))?.isCompleted()) ?? false;

describe('each queue killed mid-job', () => {
  it('the next delivery finishes every job with each effect exactly once', async () => {
    const tenant = await freshTenant();
    await addWebhookEndpoint(tenant.id, receiver.url, { events: ['win.created'] });
    // Settled by its job, which is killed after the stock went back and before SETTLED.
    const settled = await played(tenant, 10);
    // Ended by its scheduled job, which is killed after ENDED is committed and before the hot
    // state and the settle job hear of it.
    const ending = await played(tenant, 6, Date.now() + 12_000);
    // Claims expired: the job is killed after the first void.
    const expired = await played(tenant, 14);
    expect(expired.wins).toBeGreaterThan(1);
    await db.win.updateMany({ where: { activityId: expired.id }, data: { claimExpiresAt: new Date(Date.now() - 1) } });
    const notified = await db.win.findFirstOrThrow({ where: { activityId: settled.id } });
    // Its win.created, queued by the draw's commit: the sender is killed after the POST, before the record.
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { subjectId: notified.id } });
    const notifiedEvent = eventIdFor('win.created', notified.id);

    // Each job is held at its own point, so no other job of the queue stands in for it.
    const passes = ['stats', 'reconcile', 'auto-tune', 'odds-drift'] as const;
    const HOLDS = [
      `settle:return-stock:${settled.id}`,
      `transition:ENDED:${ending.id}`,
      `claim-expiry:voided:${expired.id}`,
      `deliveries:sent:${delivery.id}`,
      ...passes.map((queue) => `${queue}:done:${queue}-${settled.id}`),
      `draw-log:done:full-${settled.id}`,
    ];
    let workers = startWorkers({ WORKER_HOLD_AT: HOLDS.join(',') });
    try {
      await transitionActivity({ activityId: settled.id, from: ['LIVE'], to: 'ENDED', actor: testActor, action: 'x' });
      await enqueue('claim-expiry', {}, { jobId: `expire-${expired.id}` });
      for (const queue of passes) await enqueue(queue, { activityId: settled.id }, { jobId: `${queue}-${settled.id}` });
      await enqueue('draw-log', { pass: 'full' }, { jobId: `full-${settled.id}` });

      const held = await waitFor(
        async () => (await Promise.all(HOLDS.map((h) => redis.exists(heldKey(h))))).filter((n) => n === 1).length,
        (n) => n === HOLDS.length,
        90_000,
      );
      expect(held).toBe(HOLDS.length);
      expect(await status(settled.id)).toBe('ENDED');
      expect(await db.stockMovement.count({ where: { activityId: settled.id, kind: 'RETURN' } })).toBe(1);
      // Usually ENDED, held; SETTLED when the lifecycle sweep held it and the end job, finding it ended, finished it.
      expect(['ENDED', 'SETTLED']).toContain(await status(ending.id));
      // Sent once while its held sender keeps the lease; a host slow to reach every hold may see the
      // lease run out, and then the attempt is made again, as it is for a sender that hangs.
      const posts = receiver.requests.filter((r) => JSON.parse(r.body).id === notifiedEvent);
      expect(posts.length).toBeGreaterThanOrEqual(1);
      expect(posts.filter((r) => r.at < posts[0]!.at + ATTEMPT_LEASE_MS - EARLY_MS)).toHaveLength(1);

      workers.kill('SIGKILL');
      await once(workers, 'exit');
      await redis.del(...HOLDS.map(heldKey));
      workers = startWorkers();

      // A killed job's lock runs out and the new process takes it again (BullMQ: 30 s).
      const allDone = async () =>
        (await status(settled.id)) === 'SETTLED' &&
        (await status(ending.id)) === 'SETTLED' &&
        (await db.win.count({ where: { activityId: expired.id, status: { not: 'VOID' } } })) === 0 &&
        (await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status === 'DELIVERED' &&
        (await jobDone('stats', `stats-${settled.id}`)) &&
        (await jobDone('reconcile', `reconcile-${settled.id}`));
      expect(await waitFor(allDone, Boolean, 150_000)).toBe(true);
    } finally {
      await redis.del(...HOLDS.map(heldKey));
      // A process held at a point never finishes its job, so it would not stop on SIGTERM.
      if (workers.exitCode === null && workers.signalCode === null) {
        workers.kill('SIGKILL');
        await once(workers, 'exit');
      }
    }

    // settle: the stock went back once.
    for (const a of [settled, ending]) {
      expect(await db.stockMovement.count({ where: { activityId: a.id, kind: 'RETURN' } })).toBe(1);
      expect((await db.prize.findUniqueOrThrow({ where: { id: a.prizeId } })).availableStock).toBe(100 - a.wins);
    }
    // lifecycle: ended once, one audit row, and the hot state knows it.
    expect(await db.auditLog.count({ where: { objectId: ending.id, action: 'activity.end' } })).toBe(1);
    expect(await redis.hget(drawKeys(ending.id).cfg, 'status')).toBe('ENDED');
    // claim expiry: each win voided once, its unit back once, in PostgreSQL and in Redis.
    expect(await db.stockMovement.count({ where: { activityId: expired.id, kind: 'RETURN' } })).toBe(expired.wins);
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: 'win.void' } })).toBe(expired.wins);
    expect(await db.activityStock.findFirstOrThrow({ where: { activityId: expired.id } })).toMatchObject({
      issued: 0,
      returned: expired.wins,
    });
    expect(Number(await redis.hget(drawKeys(expired.id).issued, `p:${expired.prizeId}`))).toBe(0);
    expect((await db.prize.findUniqueOrThrow({ where: { id: expired.prizeId } })).availableStock).toBe(
      80 + expired.wins,
    );
    // deliveries: sent before the kill and again after, always as the same event (receivers dedupe on it).
    const sent = hooks.filter((h) => h.data?.winId === notified.id);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent.map((h) => h.id))).toEqual(new Set([notifiedEvent]));
    // stats and reconcile: totals not doubled, no drift found.
    const buckets = await db.statsBucket.aggregate({ where: { activityId: settled.id }, _sum: { draws: true } });
    expect(buckets._sum.draws).toBe(settled.draws);
    // (The activities run far ahead of their even release: the live alerts may say so; no stock drift.)
    expect(await db.alert.count({ where: { tenantId: tenant.id, kind: { startsWith: 'stock.' } } })).toBe(0);
    expect(await db.draw.count({ where: { activityId: settled.id } })).toBe(settled.draws);
  }, 300_000);
});
