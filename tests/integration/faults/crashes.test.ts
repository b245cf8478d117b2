// Crashes between the steps of a draw, and of the draw-log worker, lose nothing and count
// nothing twice.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { activityMeta } from '@/lib/draw/activity-state';
import { drainDrawLog } from '@/lib/draw/drain-draw-log';
import { decideDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { localDay } from '@/lib/draw/local-day';
import { createRedis } from '@/lib/redis';
import { endUser, liveActivity } from '../../helpers/activities';
import { startWorkers } from '../../helpers/workers';

const run = promisify(execFile);
const redis = createRedis('worker');
afterAll(() => redis.quit());

describe('crashes', () => {
  it('a web process killed right after the Lua step: the draw still reaches PostgreSQL through the stream', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] },
    ]);
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      'tests/helpers/decide-then-die.ts',
      tenant.id,
      tenant.slug,
      activity.id,
      'victim',
    ]).catch((err: { stdout: string; signal?: string }) => {
      expect(err.signal).toBe('SIGKILL');
      return err;
    });
    const drawId = stdout.trim();
    expect(drawId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db.draw.findUnique({ where: { id: drawId } })).toBeNull();
    await drainDrawLog(redis, activity.id);
    const draw = await db.draw.findUniqueOrThrow({ where: { id: drawId }, include: { wins: true } });
    expect(draw).toMatchObject({ userId: 'victim', outcome: 'WIN' });
    expect(draw.wins).toHaveLength(1);
    expect((await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } })).issued).toBe(1);
    expect(await redis.xlen(drawKeys(activity.id).stream)).toBe(0);
  });

  it('the draw-log worker SIGKILLed mid-drain and restarted: every draw once, counters right', async () => {
    const N = 20_000;
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.3, stock: 5_000, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [5_000], overrides: { limits: { freeDrawsPerDay: 1_000 } } },
    );
    // N draws decided by Redis whose web processes all died before committing.
    const meta = (await activityMeta(redis, activity.id))!;
    let next = 0;
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        while (next < N) {
          const i = next++;
          const now = Date.now();
          await decideDraw({
            redis,
            activityId: activity.id,
            meta,
            user: endUser(tenant, `u${i % 50}`),
            key: randomUUID(),
            day: localDay(meta.timezone, now),
            now,
          });
        }
      }),
    );
    expect(await redis.xlen(drawKeys(activity.id).stream)).toBe(N);

    let worker = startWorkers();
    const persisted = () => db.draw.count({ where: { activityId: activity.id } });
    for (let i = 0; i < 600 && (await persisted()) === 0; i++) await sleep(50);
    worker.kill('SIGKILL');
    const [, signal] = await once(worker, 'exit');
    expect(signal).toBe('SIGKILL');
    const atKill = await persisted();
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(N);

    worker = startWorkers();
    try {
      for (
        let i = 0;
        i < 1_200 && ((await persisted()) < N || (await redis.xlen(drawKeys(activity.id).stream)) > 0);
        i++
      )
        await sleep(100);
      expect(await persisted()).toBe(N);
      // Give the write-back its round.
      await drainDrawLog(redis, activity.id);
    } finally {
      worker.kill('SIGTERM');
      await once(worker, 'exit');
    }
    const wins = await db.win.count({ where: { activityId: activity.id } });
    const redisIssued = Number(
      await redis.hget(
        drawKeys(activity.id).issued,
        `p:${(await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } })).prizeId}`,
      ),
    );
    expect(wins).toBe(redisIssued);
    expect((await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } })).issued).toBe(wins);
    const participation = await db.participation.aggregate({
      where: { activityId: activity.id },
      _sum: { draws: true, wins: true },
      _count: { _all: true },
    });
    expect(participation._sum.draws).toBe(N);
    expect(participation._sum.wins).toBe(await db.draw.count({ where: { activityId: activity.id, outcome: 'WIN' } }));
    expect(participation._count._all).toBe(50);
  });
});
