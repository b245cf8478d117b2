// A process's clock stepped forward 10 minutes and back again (lib/clock.ts, CLOCK_OFFSET_FILE):
// a workers process does every scheduled start, end, settle and claim expiry once, and the draw
// path, stepped over a local midnight and back, never grants a day's draws twice.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivity } from '@/lib/activities/create-activity';
import { publishActivity } from '@/lib/activities/publish-activity';
import { getMyState } from '@/lib/chances/get-my-state';
import { resetClockForTests } from '@/lib/clock';
import { resetConfigForTests } from '@/lib/config';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { closeQueues, enqueue, getQueue } from '@/lib/queues';
import { createRedis } from '@/lib/redis';
import { createPrizes, endUser, liveActivity, specFor, testActor } from '../../helpers/activities';
import { freshTenant } from '../../helpers/fixtures';
import { startWorkers, waitFor } from '../../helpers/workers';

const redis = createRedis('worker');
const dir = mkdtempSync(path.join(tmpdir(), 'clock-steps-'));
afterAll(async () => {
  await closeQueues();
  await redis.quit();
});

const TEN_MINUTES_MS = 10 * 60_000;
/** Writes the offset and waits until every process reading the file has read it again. */
async function stepClock(file: string, offsetMs: number) {
  writeFileSync(file, String(offsetMs));
  await sleep(500);
}

const auditCount = (objectId: string, action: string) => db.auditLog.count({ where: { objectId, action } });

describe('clock steps', () => {
  it('a workers process stepped forward then back starts, ends, settles and expires once each', async () => {
    const t = await freshTenant();
    const [scheduledPrize] = await createPrizes(t.id, [50]);
    const now = Date.now();
    // Starts in 5 minutes: the step forward starts it, the step back must not undo or redo that.
    const draft = await createActivity(
      t.id,
      testActor,
      specFor([{ probability: 0.5, stock: 10, prizes: [{ prizeId: scheduledPrize!.id }] }], {
        startsAt: new Date(now + 5 * 60_000).toISOString(),
        endsAt: new Date(now + 3 * 3600_000).toISOString(),
      }),
    );
    const scheduled = await publishActivity(t.id, testActor, draft.id);
    expect(scheduled.status).toBe('SCHEDULED');
    // Ends in 8 minutes: the step forward ends it.
    const ending = await liveActivity((p) => [{ probability: 0.5, stock: 10, prizes: [{ prizeId: p[0]! }] }], {
      tenant: t,
      stocks: [50],
      overrides: { endsAt: new Date(now + 40_000).toISOString() },
    });
    // Wins whose claim window closes in 5 minutes.
    const claims = await liveActivity((p) => [{ probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] }], {
      tenant: t,
      stocks: [50],
      overrides: { limits: { freeDrawsPerDay: 5 } },
    });
    for (let i = 0; i < 4; i++) await executeDraw(endUser(t, `c${i}`), claims.activity.id, randomUUID());
    await db.win.updateMany({
      where: { activityId: claims.activity.id },
      data: { claimExpiresAt: new Date(now + 5 * 60_000) },
    });

    const clockFile = path.join(dir, 'workers');
    writeFileSync(clockFile, '0');
    const workers = startWorkers({ CLOCK_OFFSET_FILE: clockFile });
    const passes = async () => {
      await enqueue('activity-lifecycle', { sweep: true });
      await enqueue('claim-expiry', {});
      await enqueue('settle', { sweep: true });
    };
    const status = (id: string) => db.activity.findUniqueOrThrow({ where: { id }, select: { status: true } });
    try {
      await stepClock(clockFile, TEN_MINUTES_MS);
      await passes();
      const forward = await waitFor(
        async () => ({
          scheduled: (await status(scheduled.id)).status,
          ending: (await status(ending.activity.id)).status,
          voided: await db.win.count({ where: { activityId: claims.activity.id, status: 'VOID' } }),
        }),
        (s) => s.scheduled === 'LIVE' && s.ending === 'SETTLED' && s.voided === 4,
        60_000,
      );
      expect(forward).toEqual({ scheduled: 'LIVE', ending: 'SETTLED', voided: 4 });

      await stepClock(clockFile, 0);
      await passes();
      // Late deliveries of the start and the end (settling took the delayed end job away).
      const late = [
        { activityId: scheduled.id, transition: 'start' as const, configVersion: 1 },
        { activityId: ending.activity.id, transition: 'end' as const, configVersion: 1 },
      ];
      const jobs = await Promise.all(late.map((job) => enqueue('activity-lifecycle', job)));
      const finished = await waitFor(
        async () =>
          Promise.all(jobs.map(async (j) => (await getQueue('activity-lifecycle').getJob(j.id!))?.finishedOn)),
        (done) => done.every((v) => v !== undefined),
        60_000,
      );
      expect(finished.every((v) => v !== undefined)).toBe(true);
      await passes();
      await sleep(2_000);
      expect((await status(scheduled.id)).status).toBe('LIVE');
    } finally {
      workers.kill('SIGKILL');
      await once(workers, 'exit');
    }
    expect(await auditCount(scheduled.id, 'activity.start')).toBe(1);
    expect(await redis.hget(drawKeys(scheduled.id).cfg, 'status')).toBe('LIVE');
    expect(await auditCount(ending.activity.id, 'activity.end')).toBe(1);
    expect((await status(ending.activity.id)).status).toBe('SETTLED');
    expect(await db.stockMovement.count({ where: { activityId: ending.activity.id, kind: 'RETURN' } })).toBe(1);
    expect((await db.prize.findUniqueOrThrow({ where: { id: ending.prizes[0]!.id } })).availableStock).toBe(50);
    expect(await db.stockMovement.count({ where: { activityId: claims.activity.id, kind: 'RETURN' } })).toBe(4);
    expect(await db.auditLog.count({ where: { tenantId: t.id, action: 'win.void' } })).toBe(4);
    expect(await db.activityStock.findFirstOrThrow({ where: { activityId: claims.activity.id } })).toMatchObject({
      issued: 0,
      returned: 4,
    });
  }, 240_000);

  it('the draw path stepped over local midnight and back grants each day its free draws once', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      {
        overrides: {
          timezone: 'UTC',
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3 * 86400_000).toISOString(),
          limits: { freeDrawsPerDay: 2 },
        },
      },
    );
    const clockFile = path.join(dir, 'web');
    // Five minutes before the next UTC midnight, as this process sees it.
    const midnight = Math.ceil(Date.now() / 86400_000) * 86400_000;
    const beforeMidnight = midnight - 5 * 60_000 - Date.now();
    writeFileSync(clockFile, String(beforeMidnight));
    process.env.CLOCK_OFFSET_FILE = clockFile;
    resetConfigForTests();
    resetClockForTests();
    try {
      const user = endUser(tenant, 'night-owl');
      const draw = () =>
        executeDraw(user, activity.id, randomUUID()).then(
          () => 'drawn',
          (err: { code?: string }) => err.code ?? 'error',
        );
      const drawAll = async () => [await draw(), await draw(), await draw()];
      expect(await drawAll()).toEqual(['drawn', 'drawn', 'NO_CHANCES']);
      await stepClock(clockFile, beforeMidnight + TEN_MINUTES_MS);
      // A new local day: its own two free draws.
      expect((await getMyState(user, activity.id)).chances).toBe(2);
      expect(await drawAll()).toEqual(['drawn', 'drawn', 'NO_CHANCES']);
      // Back before midnight: yesterday's draws are used up, nothing is granted again.
      await stepClock(clockFile, beforeMidnight);
      expect((await getMyState(user, activity.id)).chances).toBe(0);
      expect(await drawAll()).toEqual(['NO_CHANCES', 'NO_CHANCES', 'NO_CHANCES']);
      // Forward again: the new day's draws stay used.
      await stepClock(clockFile, beforeMidnight + TEN_MINUTES_MS);
      expect(await drawAll()).toEqual(['NO_CHANCES', 'NO_CHANCES', 'NO_CHANCES']);
    } finally {
      delete process.env.CLOCK_OFFSET_FILE;
      resetConfigForTests();
      resetClockForTests();
    }
    expect(await db.draw.count({ where: { activityId: activity.id, userId: 'night-owl' } })).toBe(4);
  });
});
