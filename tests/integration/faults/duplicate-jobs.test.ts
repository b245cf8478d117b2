// Every queue's job delivered twice (BullMQ delivers at least once): each processor run twice on
// the same job data, both runs at once, leaves every effect exactly once.
import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { runTransition } from '@/lib/activities/lifecycle';
import { proposeChange } from '@/lib/activities/propose-change';
import { transitionActivity } from '@/lib/activities/transition-activity';
import { db } from '@/lib/db';
import { activityMeta } from '@/lib/draw/activity-state';
import { decideDraw, executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { localDay } from '@/lib/draw/local-day';
import { createRedis } from '@/lib/redis';
import { markDirty } from '@/lib/workers/dirty-activities';
import { eventIdFor } from '@/lib/webhooks/emit-event';
import { emitWinCreated } from '@/lib/webhooks/emit-win-created';
import activityLifecycle from '@/workers/activity-lifecycle';
import alerts from '@/workers/alerts';
import applyChangeJob from '@/workers/apply-change';
import autoTune from '@/workers/auto-tune';
import claimExpiry from '@/workers/claim-expiry';
import deliveries from '@/workers/deliveries';
import drawLog from '@/workers/draw-log';
import oddsDrift from '@/workers/odds-drift';
import reconcile from '@/workers/reconcile';
import settle from '@/workers/settle';
import stats from '@/workers/stats';
import { endUser, liveActivity, testActor } from '../../helpers/activities';
import { addWebhookEndpoint, startHookReceiver } from '../../helpers/hook-receiver';

const redis = createRedis('worker');
const job = (data: unknown) => ({ id: randomUUID(), data, attemptsMade: 0 }) as unknown as Job;
const twice = (p: { process: (job: Job) => Promise<unknown> }, data: unknown) =>
  Promise.all([p.process(job(data)), p.process(job(data))]);

const receiver = await startHookReceiver();
const hooks = receiver.hooks;
const hookUrl = receiver.url;
afterAll(async () => {
  await redis.quit();
  await receiver.close();
});

/** A live activity with `draws` draws committed; the prize holds 100 before the activity reserved 20. */
async function played(draws: number) {
  const live = await liveActivity((p) => [{ probability: 0.5, stock: 20, prizes: [{ prizeId: p[0]! }] }], {
    stocks: [100],
    overrides: { limits: { freeDrawsPerDay: 100 } },
  });
  for (let i = 0; i < draws; i++) await executeDraw(endUser(live.tenant, `u${i % 3}`), live.activity.id, randomUUID());
  const wins = await db.win.count({ where: { activityId: live.activity.id } });
  return { ...live, prizeId: live.prizes[0]!.id, wins };
}

const issuedInRedis = async (activityId: string, prizeId: string) =>
  Number(await redis.hget(drawKeys(activityId).issued, `p:${prizeId}`));

describe('every job delivered twice', () => {
  it('settle: the unused stock returns once, SETTLED once', async () => {
    const { activity, prizeId, wins } = await played(10);
    await transitionActivity({ activityId: activity.id, from: ['LIVE'], to: 'ENDED', actor: testActor, action: 'x' });
    await twice(settle, { activityId: activity.id });
    await twice(settle, { activityId: activity.id });
    expect((await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).status).toBe('SETTLED');
    expect(await db.stockMovement.count({ where: { activityId: activity.id, kind: 'RETURN' } })).toBe(1);
    expect((await db.prize.findUniqueOrThrow({ where: { id: prizeId } })).availableStock).toBe(100 - wins);
  });

  it('claim-expiry: each expired win voids once, its unit back once, in PostgreSQL and Redis', async () => {
    const { activity, prizeId, wins } = await played(12);
    expect(wins).toBeGreaterThan(0);
    await db.win.updateMany({ where: { activityId: activity.id }, data: { claimExpiresAt: new Date(Date.now() - 1) } });
    const [a, b] = await twice(claimExpiry, {});
    expect(Number(a) + Number(b)).toBeGreaterThanOrEqual(wins);
    await twice(claimExpiry, {});
    expect(await db.win.count({ where: { activityId: activity.id, status: 'VOID' } })).toBe(wins);
    expect(await db.stockMovement.count({ where: { activityId: activity.id, kind: 'RETURN' } })).toBe(wins);
    expect(await issuedInRedis(activity.id, prizeId)).toBe(0);
    const pool = await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } });
    expect(pool).toMatchObject({ issued: 0, returned: wins });
    expect((await db.prize.findUniqueOrThrow({ where: { id: prizeId } })).availableStock).toBe(80 + wins);
  });

  it('activity-lifecycle: an end due now ends once, one audit row, one settle', async () => {
    const { activity } = await played(2);
    await db.activity.update({ where: { id: activity.id }, data: { endsAt: new Date(Date.now() - 1_000) } });
    const data = { activityId: activity.id, transition: 'end', configVersion: 1 };
    const outcomes = await twice(activityLifecycle, data);
    expect(outcomes.sort()).toEqual(['applied', 'not-applicable']);
    await twice(activityLifecycle, data);
    expect(await db.auditLog.count({ where: { objectId: activity.id, action: 'activity.end' } })).toBe(1);
    expect(await redis.hget(drawKeys(activity.id).cfg, 'status')).toBe('ENDED');
    expect(await runTransition(activity.id, 'end')).toBe('not-applicable');
  });

  it('apply-change: a due scheduled change applies once, its stock reserved once', async () => {
    const { tenant, activity, prizeId } = await played(6);
    const tierId = activity.tiers[0]!.id;
    const change = await proposeChange(tenant.id, testActor, {
      activityId: activity.id,
      input: {
        patch: { tiers: [{ id: tierId, probability: 0.4, stock: 30 }] },
        applyAt: new Date(Date.now() + 60_000).toISOString(),
      },
    });
    await db.change.update({ where: { id: change.id }, data: { applyAt: new Date(Date.now() - 1) } });
    const data = { tenantId: tenant.id, changeId: change.id };
    // At once: one applies it; the other finds it applied, or is refused and would be retried.
    const both = await Promise.allSettled([applyChangeJob.process(job(data)), applyChangeJob.process(job(data))]);
    expect(both.some((r) => r.status === 'fulfilled')).toBe(true);
    await twice(applyChangeJob, data);
    expect((await db.change.findUniqueOrThrow({ where: { id: change.id } })).status).toBe('APPLIED');
    expect((await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).configVersion).toBe(2);
    expect(await db.auditLog.count({ where: { objectId: change.id, action: 'change.apply' } })).toBe(1);
    const moves = await db.stockMovement.findMany({ where: { reason: `change ${change.id}` } });
    expect(moves).toEqual([expect.objectContaining({ kind: 'RESERVE', activityDelta: 10 })]);
    expect((await db.prize.findUniqueOrThrow({ where: { id: prizeId } })).availableStock).toBe(70);
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });

  it('draw-log: every draw decided in Redis lands once', async () => {
    const { tenant, activity } = await played(0);
    const meta = (await activityMeta(redis, activity.id))!;
    const N = 300;
    for (let i = 0; i < N; i++) {
      const now = Date.now() - 5_000;
      await decideDraw({
        redis,
        activityId: activity.id,
        meta,
        user: endUser(tenant, `d${i % 7}`),
        key: randomUUID(),
        day: localDay(meta.timezone, now),
        now,
      });
    }
    await markDirty(redis, [activity.id], ['draw-log']);
    // Entries are drained once they are 2 s old.
    await new Promise((r) => setTimeout(r, 2_100));
    await twice(drawLog, { pass: 'sweep' });
    await twice(drawLog, { pass: 'full' });
    await twice(drawLog, { pass: 'sweep' });
    expect(await db.draw.count({ where: { activityId: activity.id } })).toBe(N);
    const participation = await db.participation.aggregate({
      where: { activityId: activity.id },
      _sum: { draws: true },
    });
    expect(participation._sum.draws).toBe(N);
    const wins = await db.win.count({ where: { activityId: activity.id } });
    expect((await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } })).issued).toBe(wins);
  });

  it('stats, reconcile, auto-tune, odds-drift: totals counted once, no duplicate alert or audit', async () => {
    const { activity } = await played(15);
    for (const data of [{ activityId: activity.id }, { activityId: activity.id, settle: true }])
      await twice(stats, data);
    const buckets = await db.statsBucket.aggregate({ where: { activityId: activity.id }, _sum: { draws: true } });
    expect(buckets._sum.draws).toBe(15);
    await twice(reconcile, { activityId: activity.id });
    expect(await db.alert.count({ where: { activityId: activity.id } })).toBe(0);
    await twice(autoTune, { activityId: activity.id });
    await twice(oddsDrift, { activityId: activity.id });
    expect(await db.alert.count({ where: { activityId: activity.id } })).toBeLessThanOrEqual(1);
    expect(await db.auditLog.count({ where: { objectId: activity.id, action: { startsWith: 'odds' } } })).toBe(0);
  });

  it('alerts: a tier far ahead of its pacing line raised once, one alert.raised', async () => {
    const { tenant, activity } = await played(15);
    // Five sure wins more: at least a quarter of the stock within the period's first minutes.
    for (let i = 0; i < 5; i++)
      await executeDraw(endUser(tenant, 'sure'), activity.id, randomUUID(), { random: () => 0 });
    await addWebhookEndpoint(tenant.id, hookUrl);
    await twice(alerts, { activityId: activity.id });
    await twice(alerts, { activityId: activity.id });
    expect(await db.alert.count({ where: { activityId: activity.id, kind: 'tier_ahead_of_pacing' } })).toBe(1);
    expect(await db.webhookDelivery.count({ where: { tenantId: tenant.id, type: 'alert.raised' } })).toBe(1);
  });

  it('deliveries: one attempt claimed, the other finds it made; the webhook carries the event id', async () => {
    const { tenant, activity } = await played(12);
    await addWebhookEndpoint(tenant.id, hookUrl);
    const win = await db.win.findFirstOrThrow({ where: { activityId: activity.id } });
    const [deliveryId] = await db.$transaction((tx) => emitWinCreated(tx, tenant.id, [win.id]));
    const before = hooks.length;
    expect((await twice(deliveries, { deliveryId })).sort()).toEqual(['delivered', 'skipped']);
    expect(hooks.slice(before).map((h) => h.id)).toEqual([eventIdFor('win.created', win.id)]);
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(row).toMatchObject({ status: 'DELIVERED', attempts: 1, lastStatusCode: 200 });
  });
});
