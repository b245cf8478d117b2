// Live alerts against real draws (PostgreSQL and Redis): a tier far ahead of an even release and
// low stock are raised once, through the same path as every alert (stored, and alert.raised to
// the tenant's webhooks); a second pass does not raise them again, nor does a pass after an
// acknowledgement while the condition still holds; once it has cleared, its return is raised anew.
import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLiveAlerts } from '@/lib/alerts/check-live-alerts';
import { acknowledgeAlert } from '@/lib/alerts/acknowledge-alert';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import alertsProcessor from '@/workers/alerts';
import { endUser, liveActivity, testActor } from '../helpers/activities';
import { addWebhookEndpoint, startHookReceiver } from '../helpers/hook-receiver';

const HOUR_MS = 3_600_000;
const receiver = await startHookReceiver();
afterAll(() => receiver.close());

/** Ten hours, one gone; one tier won on every draw (stock 10), one never won (stock 1,000). */
async function liveTiers() {
  const now = Date.now();
  const live = await liveActivity(
    (p) => [
      { name: 'Gold', probability: 0.999_999, stock: 10, prizes: [{ prizeId: p[0]! }] },
      { name: 'Rare', probability: 0.000_001, stock: 1_000, prizes: [{ prizeId: p[1]! }] },
    ],
    {
      stocks: [100, 2_000],
      overrides: {
        startsAt: new Date(now - HOUR_MS).toISOString(),
        endsAt: new Date(now + 9 * HOUR_MS).toISOString(),
        limits: { freeDrawsPerDay: 20 },
      },
    },
  );
  await addWebhookEndpoint(live.tenant.id, receiver.url);
  return live;
}

async function draw(live: Awaited<ReturnType<typeof liveTiers>>, n: number) {
  for (let i = 0; i < n; i++) {
    const answer = await executeDraw(endUser(live.tenant, `u${i % 3}`), live.activity.id, randomUUID(), {
      random: () => 0,
    });
    expect(answer).toMatchObject({ outcome: 'win' });
  }
}

const alertsOf = (activityId: string, kind: string) =>
  db.alert.findMany({ where: { activityId, kind }, orderBy: { createdAt: 'asc' } });
const raisedEvents = (tenantId: string) =>
  db.webhookDelivery.findMany({ where: { tenantId, type: 'alert.raised' }, select: { payload: true } });

describe('live alerts', () => {
  it('raises a tier far ahead of an even release once, naming it, its sell-out time and what to do', async () => {
    const live = await liveTiers();
    await draw(live, 5); // half the stock after a tenth of the period
    const first = await checkLiveAlerts(live.activity.id);
    expect(first!.raised).toEqual([`tier-ahead-of-pacing:${live.activity.id}:${live.activity.tiers[0]!.id}`]);

    const [alert, ...more] = await alertsOf(live.activity.id, 'tier_ahead_of_pacing');
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ tenantId: live.tenant.id, severity: 'WARNING', acknowledgedAt: null });
    expect(alert!.message).toMatch(
      /^Tier "Gold" is far ahead of an even release: 50% of its stock issued with 10% of the period gone\. At this rate it runs out at \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Shanghai\), [\d.]+ h before the end\. Pace it evenly, lower its odds or add stock\.$/,
    );
    // The never-won tier, and low stock (5 of 10 left), are quiet.
    expect(await db.alert.count({ where: { activityId: live.activity.id } })).toBe(1);
    const events = await raisedEvents(live.tenant.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ data: { kind: 'tier_ahead_of_pacing', alertId: alert!.id } });

    // The next pass, the queue's processor, finds it open: nothing new.
    expect(await alertsProcessor.process({ data: { activityId: live.activity.id } } as Job)).toMatchObject({
      raised: [],
    });
    expect(await alertsOf(live.activity.id, 'tier_ahead_of_pacing')).toHaveLength(1);
    expect(await raisedEvents(live.tenant.id)).toHaveLength(1);
  });

  it('raises low stock on a paced tier too, once', async () => {
    const live = await liveTiers();
    await draw(live, 9);
    // Paced afterwards (the pass reads the tier's row): even pacing would have held these wins back.
    await db.tier.update({ where: { id: live.activity.tiers[0]!.id }, data: { pacing: 'EVEN' } });
    const check = await checkLiveAlerts(live.activity.id);
    expect(check!.raised.map((k) => k.split(':')[0]).sort()).toEqual(['stock-low', 'tier-ahead-of-pacing']);
    const [low] = await alertsOf(live.activity.id, 'stock_low');
    expect(low!.message).toMatch(/^Tier "Gold" is low on stock: 1 of 10 left \(10%\), [\d.]+ h before the end\./);
    const [ahead] = await alertsOf(live.activity.id, 'tier_ahead_of_pacing');
    expect(ahead!.message).toContain('Lower its odds or add stock.');
    expect((await checkLiveAlerts(live.activity.id))!.raised).toEqual([]);
    expect(await db.alert.count({ where: { activityId: live.activity.id } })).toBe(2);
  });

  it('raises an acknowledged alert again only when its condition has cleared and come back', async () => {
    const live = await liveTiers();
    await draw(live, 5);
    await checkLiveAlerts(live.activity.id);
    const [alert] = await alertsOf(live.activity.id, 'tier_ahead_of_pacing');
    await acknowledgeAlert(live.tenant.id, testActor, alert!.id);

    // Still ahead: acknowledged, so not raised again.
    expect((await checkLiveAlerts(live.activity.id))!).toMatchObject({ raised: [], cleared: 0 });
    expect(await db.alert.count({ where: { activityId: live.activity.id, acknowledgedAt: null } })).toBe(0);

    // Four hours on, half the period is gone and half the stock: back on the line.
    const later = Date.now() + 4 * HOUR_MS;
    expect((await checkLiveAlerts(live.activity.id, { now: later }))!).toMatchObject({ raised: [], cleared: 1 });
    expect(await checkLiveAlerts(live.activity.id, { now: later })).toMatchObject({ raised: [], cleared: 0 });

    // Ahead again: a new alert, and a new alert.raised.
    await draw(live, 3);
    expect((await checkLiveAlerts(live.activity.id, { now: later }))!.raised).toHaveLength(1);
    const [old, renewed] = await alertsOf(live.activity.id, 'tier_ahead_of_pacing');
    expect(old).toMatchObject({ id: alert!.id, dedupeKey: null });
    expect(old!.acknowledgedAt).not.toBeNull();
    expect(renewed).toMatchObject({ acknowledgedAt: null });
    expect(renewed!.message).toContain('80% of its stock issued with 50% of the period gone');
    expect(await raisedEvents(live.tenant.id)).toHaveLength(2);
  });

  it('leaves activities that are not live alone', async () => {
    const live = await liveTiers();
    await draw(live, 5);
    await db.activity.update({ where: { id: live.activity.id }, data: { status: 'PAUSED' } });
    expect(await checkLiveAlerts(live.activity.id)).toBeNull();
    expect(await db.alert.count({ where: { activityId: live.activity.id } })).toBe(0);
  });
});
