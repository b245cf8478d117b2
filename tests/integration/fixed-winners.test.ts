// Fixed-winner mode end to end: an activity with fixedWinners = N ends, the job draws exactly
// N distinct winners among its participants, announces them, and a rerun adds nobody.
import { randomInt, randomUUID } from 'node:crypto';
import { UnrecoverableError, type Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { changeActivityStatus } from '@/lib/activities/change-status';
import { getMyState } from '@/lib/chances/get-my-state';
import { runTransition } from '@/lib/activities/lifecycle';
import { patchTier } from '@/lib/activities/patch-tier';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawFixedWinners, FIXED_WINNERS_DRAW_KEY } from '@/lib/fixed-winners/draw-fixed-winners';
import { requeueUnsettled, settleJobId } from '@/lib/activities/schedule-settle';
import { settleActivity } from '@/lib/activities/settle-activity';
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { getQueue } from '@/lib/queues';
import { createRedis } from '@/lib/redis';
import { drawKeys } from '@/lib/draw/keys';
import settleProcessor from '@/workers/settle';
import { endUser, liveActivity, testActor } from '../helpers/activities';
import { addWebhookEndpoint } from '../helpers/hook-receiver';

const redis = createRedis('worker');
afterAll(() => redis.quit());

async function playAndEnd(
  users: number,
  {
    fixedWinners,
    tierStock,
    probability = 0,
    poolStock = 100,
  }: { fixedWinners: number; tierStock: number; probability?: number; poolStock?: number },
) {
  const live = await liveActivity((p) => [{ probability, stock: tierStock, prizes: [{ prizeId: p[0]! }] }], {
    stocks: [poolStock],
    overrides: { fixedWinners },
  });
  await addWebhookEndpoint(live.tenant.id, 'https://hooks.example.test/fixed', { events: ['win.created'] });
  await Promise.all(
    Array.from({ length: users }, (_, i) =>
      executeDraw(endUser(live.tenant, `player-${i}`), live.activity.id, randomUUID()),
    ),
  );
  const end = { activityId: live.activity.id, transition: 'end' } as const;
  const ended = await changeActivityStatus(live.tenant.id, testActor, end);
  return { ...live, ended };
}

/** The settle job, as its worker runs it: the fixed-winner draw is its second step. */
async function runFixedWinnersJob(activityId: string) {
  return (await settleActivity(activityId))!.fixedWinners;
}

async function fixedWins(activityId: string) {
  return db.win.findMany({
    where: { activityId, draw: { idempotencyKey: FIXED_WINNERS_DRAW_KEY } },
    select: { id: true, userId: true, prizeId: true, status: true },
  });
}

describe('fixed-winner draws at the end of an activity', () => {
  it('draws exactly N distinct winners among the participants, announces each, and a rerun adds none', async () => {
    const { tenant, prizes, activity, ended } = await playAndEnd(30, { fixedWinners: 5, tierStock: 5 });
    // Ending holds the stock return back for the draw and queues the settle job that draws it.
    expect(ended.status).toBe('ENDED');
    expect(await getQueue('settle').getJob(settleJobId(activity.id))).toBeDefined();
    expect(await db.stockMovement.count({ where: { activityId: activity.id, kind: 'RETURN' } })).toBe(0);
    // Every player's page read before the draw; each winner's shows the win after it.
    const players = Array.from({ length: 30 }, (_, i) => endUser(tenant, `player-${i}`));
    const myWins = (user: (typeof players)[number]) => getMyState(user, activity.id).then((s) => s.wins.length);
    expect(await Promise.all(players.map(myWins))).toEqual(players.map(() => 0));

    const first = await runFixedWinnersJob(activity.id);
    expect(first).toMatchObject({ alreadyDrawn: false, participants: 30 });
    const wins = await fixedWins(activity.id);
    expect(wins).toHaveLength(5);
    const winners = new Set(wins.map((w) => w.userId));
    expect(winners.size).toBe(5);
    const participants = new Set(
      (await db.participation.findMany({ where: { activityId: activity.id } })).map((p) => p.userId),
    );
    for (const w of winners) expect(participants.has(w)).toBe(true);
    expect(wins.every((w) => w.prizeId === prizes[0]!.id && w.status === 'AWAITING_CLAIM')).toBe(true);
    expect(await Promise.all(players.map(myWins))).toEqual(players.map((p) => (winners.has(p.userId) ? 1 : 0)));
    // Each announced by one win.created in the outbox.
    for (const w of wins)
      expect(await db.webhookDelivery.count({ where: { type: 'win.created', subjectId: w.id } })).toBe(1);

    // Rerun, three at once and once more: nobody new wins, the stock moves once.
    const again = await Promise.all([
      runFixedWinnersJob(activity.id),
      runFixedWinnersJob(activity.id),
      runFixedWinnersJob(activity.id),
    ]);
    await runFixedWinnersJob(activity.id);
    expect(again.every((r) => r!.alreadyDrawn)).toBe(true);
    expect(new Set(again.flatMap((r) => r!.winners))).toEqual(winners);
    expect(await fixedWins(activity.id)).toHaveLength(5);
    expect(await db.draw.count({ where: { activityId: activity.id, idempotencyKey: FIXED_WINNERS_DRAW_KEY } })).toBe(5);
    expect(
      await db.auditLog.count({
        where: { tenantId: tenant.id, action: 'activity.fixed-winners', objectId: activity.id },
      }),
    ).toBe(1);

    // Stock: five units issued, the rest returned once, the ledger and Redis agree.
    const pool = await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } });
    expect(pool).toMatchObject({ reserved: 5, issued: 5, returned: 0 });
    expect((await db.tier.findFirstOrThrow({ where: { activityId: activity.id } })).issued).toBe(5);
    expect(Number(await redis.hget(drawKeys(activity.id).issued, `p:${prizes[0]!.id}`))).toBe(5);
    expect(await db.stockMovement.count({ where: { activityId: activity.id, kind: 'RETURN' } })).toBe(1);
    expect(await reconcileActivity(activity.id)).toEqual([]);
    const winnerRows = await db.participation.findMany({
      where: { activityId: activity.id, userId: { in: [...winners] } },
    });
    expect(winnerRows.every((p) => p.wins === 1)).toBe(true);
  });

  it('gives every participant a win when fewer took part than N, and nobody new on a rerun', async () => {
    const { activity } = await playAndEnd(3, { fixedWinners: 5, tierStock: 5 });
    await runFixedWinnersJob(activity.id);
    await runFixedWinnersJob(activity.id);
    expect(new Set((await fixedWins(activity.id)).map((w) => w.userId))).toEqual(
      new Set(['player-0', 'player-1', 'player-2']),
    );
    const pool = await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } });
    expect(pool).toMatchObject({ reserved: 5, issued: 3, returned: 2 });
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });

  it('awards only what the stock still covers after instant wins took some of it', async () => {
    // p = 1: each of the 3 draws wins one of the tier's 5 → two left for the fixed draw.
    const { activity } = await playAndEnd(3, { fixedWinners: 5, tierStock: 5, probability: 1 });
    const instant = await db.win.count({ where: { activityId: activity.id } });
    expect(instant).toBe(3);
    await runFixedWinnersJob(activity.id);
    expect(await fixedWins(activity.id)).toHaveLength(2);
    const pool = await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } });
    expect(pool).toMatchObject({ reserved: 5, issued: 5, returned: 0 });
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });

  it('takes the stock once when a run dies after taking it and before writing the winners', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 0, stock: 5, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [100], overrides: { fixedWinners: 5 } },
    );
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => executeDraw(endUser(tenant, `player-${i}`), activity.id, randomUUID())),
    );
    await patchTier(tenant.id, testActor, {
      activityId: activity.id,
      tierId: activity.tiers[0]!.id,
      patch: { stock: 3 },
    });
    await changeActivityStatus(tenant.id, testActor, { activityId: activity.id, transition: 'end' });
    // Stock for 3 of 5: the job narrows the 5 sampled to 3 inside its transaction, and dies there.
    const dying = (max: number) => {
      if (max <= 5) throw new Error('killed mid-transaction');
      return randomInt(0, max);
    };
    await expect(drawFixedWinners(activity.id, { randomBelow: dying })).rejects.toThrow('killed');
    expect(await fixedWins(activity.id)).toHaveLength(0);
    expect(Number(await redis.hget(drawKeys(activity.id).issued, `p:${prizes[0]!.id}`))).toBe(3);
    await runFixedWinnersJob(activity.id);
    expect(await fixedWins(activity.id)).toHaveLength(3);
    expect(Number(await redis.hget(drawKeys(activity.id).issued, `p:${prizes[0]!.id}`))).toBe(3);
    expect(await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } })).toMatchObject({
      reserved: 5,
      issued: 3,
      returned: 2,
    });
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });

  it('counts the stock from the rows when the hot state is gone', async () => {
    // Instant wins at p = 1 take 2 of the tier's 5; Redis then loses the activity.
    const { activity } = await playAndEnd(2, { fixedWinners: 5, tierStock: 5, probability: 1 });
    const k = drawKeys(activity.id);
    await redis.del(k.cfg, k.stock, k.issued);
    await runFixedWinnersJob(activity.id);
    expect(await fixedWins(activity.id)).toHaveLength(2);
    expect(await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } })).toMatchObject({
      reserved: 5,
      issued: 4,
      returned: 1,
    });
    expect((await db.tier.findFirstOrThrow({ where: { activityId: activity.id } })).issued).toBe(4);
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });

  it('draws them after a scheduled end too: the settle job draws them, then returns the stock', async () => {
    const live = await liveActivity((p) => [{ probability: 0, stock: 2, prizes: [{ prizeId: p[0]! }] }], {
      stocks: [10],
      overrides: { fixedWinners: 2 },
    });
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        executeDraw(endUser(live.tenant, `player-${i}`), live.activity.id, randomUUID()),
      ),
    );
    expect(await runTransition(live.activity.id, 'end', Date.parse(live.activity.endsAt))).toBe('applied');
    // The scheduled end queues the settle job; nothing is returned before it runs.
    expect(await getQueue('settle').getJob(settleJobId(live.activity.id))).toBeDefined();
    expect((await db.activity.findUniqueOrThrow({ where: { id: live.activity.id } })).stockReturnedAt).toBeNull();
    await runFixedWinnersJob(live.activity.id);
    expect(await fixedWins(live.activity.id)).toHaveLength(2);
    expect(await db.activityStock.findFirstOrThrow({ where: { activityId: live.activity.id } })).toMatchObject({
      reserved: 2,
      issued: 2,
      returned: 0,
    });
    expect((await db.activity.findUniqueOrThrow({ where: { id: live.activity.id } })).stockReturnedAt).not.toBeNull();
  });

  it("runs from the settle queue's processor, which refuses a bad payload without retrying", async () => {
    const { activity } = await playAndEnd(4, { fixedWinners: 2, tierStock: 2 });
    await settleProcessor.process({ data: { activityId: activity.id } } as Job);
    expect(await fixedWins(activity.id)).toHaveLength(2);
    const bad = { data: { activityId: 'nope' } } as Job;
    await expect(settleProcessor.process(bad)).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('is finished by the sweep when its job was lost', async () => {
    const { activity } = await playAndEnd(4, { fixedWinners: 2, tierStock: 2 });
    const queue = getQueue('settle');
    await queue.remove(settleJobId(activity.id));
    const endedAt = (await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).endedAt!.getTime();
    // Not yet: the job (and its retries) would still be at it.
    await requeueUnsettled(endedAt + 1_000);
    await settleProcessor.process({ data: { sweep: true } } as Job);
    expect(await queue.getJob(settleJobId(activity.id))).toBeUndefined();
    // Later: the sweep only queues the job again, and the job finishes it.
    await requeueUnsettled(endedAt + 120_000);
    expect((await queue.getJob(settleJobId(activity.id)))?.data).toEqual({ activityId: activity.id });
    await settleProcessor.process({ data: { activityId: activity.id } } as Job);
    expect(await fixedWins(activity.id)).toHaveLength(2);
    expect((await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).stockReturnedAt).not.toBeNull();
  });

  it('leaves activities without fixed winners to the ordinary stock return', async () => {
    const { activity } = await playAndEnd(2, { fixedWinners: 1, tierStock: 1 });
    await db.activity.update({ where: { id: activity.id }, data: { fixedWinners: null } });
    expect(await runFixedWinnersJob(activity.id)).toBeNull();
  });
});
