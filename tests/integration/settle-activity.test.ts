// Settling an ended activity is one job whose steps are each safe to repeat: a run killed after
// any step is finished by the next run, a job delivered twice or run by two workers at once
// settles once, and every effect (rows drained, fixed winners, stock returned, schedules
// retired, SETTLED) happens exactly once.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { changeActivityStatus } from '@/lib/activities/change-status';
import { runTransition } from '@/lib/activities/lifecycle';
import { settleJobId } from '@/lib/activities/schedule-settle';
import { settleActivity, type SettleStep } from '@/lib/activities/settle-activity';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { FIXED_WINNERS_DRAW_KEY } from '@/lib/fixed-winners/draw-fixed-winners';
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { getQueue } from '@/lib/queues';
import { createRedis } from '@/lib/redis';
import settleProcessor from '@/workers/settle';
import { endUser, liveActivity, testActor } from '../helpers/activities';
import { addWebhookEndpoint } from '../helpers/hook-receiver';

const run = promisify(execFile);
const redis = createRedis('worker');
afterAll(() => redis.quit());

const STEPS: SettleStep[] = ['drain', 'fixed-winners', 'return-stock', 'retire-schedules'];

/** A fixed-winner activity that users played (some instant wins too), ended and not yet settled. */
async function endedWithFixedWinners() {
  const live = await liveActivity(
    (p) => [{ probability: 0.3, stock: 20, prizes: [{ prizeId: p[0]! }, { prizeId: p[1]!, quantity: 2 }] }],
    { stocks: [50, 50], overrides: { fixedWinners: 2 } },
  );
  await addWebhookEndpoint(live.tenant.id, 'https://hooks.example.test/settle', { events: ['win.created'] });
  await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      executeDraw(endUser(live.tenant, `player-${i}`), live.activity.id, randomUUID()),
    ),
  );
  // One more draw, decided in Redis by a web process that died before its commit: only the
  // drain makes it a row (and its player a participant).
  const died = await run(process.execPath, [
    '--import',
    'tsx',
    'tests/helpers/decide-then-die.ts',
    live.tenant.id,
    live.tenant.slug,
    live.activity.id,
    'late',
  ]).catch((err: { stdout: string }) => err);
  const lateDrawId = died.stdout.trim();
  expect(lateDrawId).toMatch(/^[0-9a-f-]{36}$/);
  // At most 13 instant wins leave the tier stock for both winners. A fixed-winner activity is
  // left to its job by POST .../end.
  await changeActivityStatus(live.tenant.id, testActor, { activityId: live.activity.id, transition: 'end' });
  const endJob = `lifecycle-${live.activity.id}-end-${Date.parse(live.activity.endsAt)}`;
  return { ...live, endJob, lateDrawId };
}

async function effects(activityId: string, prizeIds: string[], endJob: string, lateDrawId: string) {
  const count = (kind: 'RETURN' | 'ISSUE') => db.stockMovement.count({ where: { activityId, kind } });
  return {
    status: (await db.activity.findUniqueOrThrow({ where: { id: activityId } })).status,
    lateDrawRows: await db.draw.count({ where: { id: lateDrawId } }),
    fixedDraws: await db.draw.count({ where: { activityId, idempotencyKey: FIXED_WINNERS_DRAW_KEY } }),
    issueRows: await count('ISSUE'),
    returnRows: await count('RETURN'),
    endJobQueued: (await getQueue('activity-lifecycle').getJob(endJob)) !== undefined,
    fixedAudits: await db.auditLog.count({ where: { objectId: activityId, action: 'activity.fixed-winners' } }),
    pools: prizeIds.length,
  };
}

describe('settling an ended activity', () => {
  it.each(STEPS.map((step, i) => [step, i] as const))(
    'finishes a run killed after its "%s" step, each effect once',
    async (killedAfter, index) => {
      const { tenant, prizes, activity, endJob, lateDrawId } = await endedWithFixedWinners();
      const prizeIds = prizes.map((p) => p.id);
      const now = () => effects(activity.id, prizeIds, endJob, lateDrawId);
      expect(await now()).toMatchObject({
        status: 'ENDED',
        lateDrawRows: 0,
        fixedDraws: 0,
        returnRows: 0,
        endJobQueued: true,
      });

      const dying = (step: SettleStep) => {
        if (step === killedAfter) throw new Error(`killed after ${step}`);
      };
      await expect(settleActivity(activity.id, { afterStep: dying })).rejects.toThrow(`killed after ${killedAfter}`);
      // What the killed run did stands; nothing after it happened.
      const done = (step: SettleStep) => STEPS.indexOf(step) <= index;
      expect(await now()).toMatchObject({
        status: 'ENDED',
        lateDrawRows: 1,
        fixedDraws: done('fixed-winners') ? 2 : 0,
        returnRows: done('return-stock') ? 2 : 0,
        endJobQueued: !done('retire-schedules'),
      });

      // The job again, twice at once and once more through its processor.
      const reruns = await Promise.all([settleActivity(activity.id), settleActivity(activity.id)]);
      expect(reruns.every((r) => r!.settled)).toBe(true);
      await settleProcessor.process({ data: { activityId: activity.id } } as Job);

      expect(await now()).toEqual({
        status: 'SETTLED',
        lateDrawRows: 1,
        fixedDraws: 2,
        issueRows: 2,
        returnRows: 2,
        endJobQueued: false,
        fixedAudits: 1,
        pools: 2,
      });
      const winners = await db.win.findMany({
        where: { activityId: activity.id, draw: { idempotencyKey: FIXED_WINNERS_DRAW_KEY } },
      });
      expect(new Set(winners.map((w) => w.userId)).size).toBe(2);
      for (const w of winners)
        expect(await db.webhookDelivery.count({ where: { type: 'win.created', subjectId: w.id } })).toBe(1);
      for (const prize of prizes) {
        const won =
          (
            await db.win.aggregate({
              where: { activityId: activity.id, prizeId: prize.id, status: { not: 'VOID' } },
              _sum: { quantity: true },
            })
          )._sum.quantity ?? 0;
        const pool = await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id, prizeId: prize.id } });
        expect(pool.issued).toBe(won);
        expect(pool.reserved).toBe(pool.issued + pool.returned);
        expect((await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).availableStock).toBe(50 - won);
      }
      // Every draw the players made is one row, drained once, and the late player took part.
      expect(
        await db.draw.count({ where: { activityId: activity.id, idempotencyKey: { not: FIXED_WINNERS_DRAW_KEY } } }),
      ).toBe(13);
      expect(await db.participation.count({ where: { activityId: activity.id } })).toBe(13);
      expect(
        await db.auditLog.count({ where: { tenantId: tenant.id, objectId: activity.id, action: 'activity.end' } }),
      ).toBe(1);
      expect(await reconcileActivity(activity.id)).toEqual([]);
    },
  );

  it('settles once when its job is delivered three times at once, and is queued by a scheduled end', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 30, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [100] },
    );
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => executeDraw(endUser(tenant, `u${i}`), activity.id, randomUUID())),
    );
    expect(await runTransition(activity.id, 'end', Date.parse(activity.endsAt))).toBe('applied');
    expect((await getQueue('settle').getJob(settleJobId(activity.id)))?.data).toEqual({ activityId: activity.id });

    const job = { data: { activityId: activity.id } } as Job;
    await Promise.all([settleProcessor.process(job), settleProcessor.process(job), settleProcessor.process(job)]);
    await settleProcessor.process(job);
    const won =
      (await db.win.aggregate({ where: { activityId: activity.id }, _sum: { quantity: true } }))._sum.quantity ?? 0;
    expect(
      await db.stockMovement.findMany({
        where: { activityId: activity.id, kind: 'RETURN' },
        select: { poolDelta: true },
      }),
    ).toEqual([{ poolDelta: 30 - won }]);
    expect((await db.prize.findUniqueOrThrow({ where: { id: prizes[0]!.id } })).availableStock).toBe(100 - won);
    expect((await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).status).toBe('SETTLED');
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });

  it('does nothing for an activity that has not ended', async () => {
    const { activity } = await liveActivity((p) => [{ probability: 0.5, stock: 5, prizes: [{ prizeId: p[0]! }] }]);
    expect(await settleActivity(activity.id)).toBeNull();
    expect(await db.stockMovement.count({ where: { activityId: activity.id, kind: 'RETURN' } })).toBe(0);
    expect((await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).status).toBe('LIVE');
  });
});
