import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { db, pool } from '@/lib/db';
import { GROUP_COMMIT_CONNECTION } from '@/lib/draw/draw-committer';
import { activityMeta } from '@/lib/draw/activity-state';
import { decideDraw, executeDraw, type Decision } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { localDay } from '@/lib/draw/local-day';
import { createRedis, loadLuaScript, requestRedis } from '@/lib/redis';
import { endUser, liveActivity } from '../helpers/activities';

describe('a draw', () => {
  it('wins a bundle, is in PostgreSQL before it returns, and consumes the free chance', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 5, prizes: [{ prizeId: p[0]! }, { prizeId: p[1]!, quantity: 2 }] }],
      { stocks: [10, 10] },
    );
    const body = await executeDraw(endUser(tenant, 'alice'), activity.id, randomUUID());
    expect(body).toMatchObject({ outcome: 'win', tier: { id: activity.tiers[0]!.id, name: 'Tier 1' }, chancesLeft: 0 });
    expect(body.prizes).toEqual(
      expect.arrayContaining([
        { prizeId: prizes[0]!.id, name: 'Prize 1', kind: 'physical', quantity: 1 },
        { prizeId: prizes[1]!.id, name: 'Prize 2', kind: 'physical', quantity: 2 },
      ]),
    );
    const draw = await db.draw.findUniqueOrThrow({ where: { id: body.drawId }, include: { wins: true } });
    expect(draw).toMatchObject({ outcome: 'WIN', userId: 'alice', chanceKind: 'FREE', tierId: activity.tiers[0]!.id });
    expect(draw.wins.map((w) => w.id).sort()).toEqual([...body.winIds].sort());
    expect(
      await db.participation.findUniqueOrThrow({
        where: { activityId_userId: { activityId: activity.id, userId: 'alice' } },
      }),
    ).toMatchObject({ draws: 1, wins: 1 });
    await expect(executeDraw(endUser(tenant, 'alice'), activity.id, randomUUID())).rejects.toMatchObject({
      code: 'NO_CHANCES',
    });
  });

  it('leaves no copy in the stream once its rows are committed, so the worker never writes it twice', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 50, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 1 } } },
    );
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => executeDraw(endUser(tenant, `s${i}`), activity.id, randomUUID())),
    );
    const redis = await requestRedis();
    let backlog = -1;
    for (let i = 0; i < 50 && backlog !== 0; i++) {
      backlog = await redis.xlen(drawKeys(activity.id).stream);
      if (backlog) await sleep(20);
    }
    expect(backlog).toBe(0);
    expect(await db.draw.count({ where: { activityId: activity.id } })).toBe(60);
  });

  it('decides draws sent together in one script call one after another, each seeing the one before', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 3, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 3 } } },
    );
    const redis = createRedis('worker'); // its own connection, to count the script calls on it
    try {
      const meta = (await activityMeta(redis, activity.id))!;
      let scriptCalls = 0;
      const r = redis as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      const decide = (userId: string, key: string) =>
        decideDraw({
          redis,
          activityId: activity.id,
          meta,
          user: endUser(tenant, userId),
          key,
          day: localDay(meta.timezone, Date.now()),
          now: Date.now(),
        });
      await decide('warm-up', 'w'); // wins a unit: two left
      const { sha } = loadLuaScript('lib/draw/lua', 'draw-batch-v.lua');
      const evalsha = r.evalsha!;
      const keysTouched: string[] = [];
      r.evalsha = (...a) => {
        if (a[0] === sha) {
          scriptCalls++;
          keysTouched.push(...(a.slice(2, 2 + Number(a[1])) as string[]));
        }
        return evalsha.apply(redis, a);
      };
      // The first goes alone; the other five wait for it and go together, in this order.
      const [first, ...rest] = await Promise.all([
        decide('ann', 'k1'),
        decide('ann', 'k1'),
        decide('ann', 'k2'),
        decide('ann', 'k3'),
        decide('ann', 'k4'),
        decide('bob', 'k1'),
      ]);
      expect(scriptCalls).toBe(2);
      const summary = (d: Decision) =>
        d.kind === 'error' ? d.code : `${d.kind} ${d.record.t ? 'win' : 'lose'} left ${d.record.l}`;
      expect([first!, ...rest].map(summary)).toEqual([
        'ok win left 2', // alone
        'replay win left 2', // the draw before, in the call before
        'ok win left 1', // the last unit
        'ok lose left 0', // no stock left: no win, the chance is used
        'NO_CHANCES', // three free draws used, the last two in this same call
        'ok lose left 2',
      ]);
      // One Redis Cluster slot: every key the script touches carries the activity's hash tag.
      expect(keysTouched.length).toBeGreaterThan(0);
      expect(keysTouched.filter((k) => !k.includes(`{act:${activity.id}}`))).toEqual([]);
    } finally {
      await redis.quit();
    }
  });

  it("keeps committing after the server ended the group commit's connection", async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 50, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 5 } } },
    );
    await executeDraw(endUser(tenant, 'first'), activity.id, randomUUID());
    const ended = await pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
      [GROUP_COMMIT_CONNECTION],
    );
    expect(ended.rowCount).toBeGreaterThan(0);
    const bodies = await Promise.all(
      Array.from({ length: 5 }, (_, i) => executeDraw(endUser(tenant, `after-${i}`), activity.id, randomUUID())),
    );
    expect(await db.draw.count({ where: { id: { in: bodies.map((b) => b.drawId) } } })).toBe(5);
  });

  it('refuses, untouched, a draw whose caller knew of a smaller bundle than the tier now has; the next draw of the call is unaffected', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 5, prizes: [{ prizeId: p[0]! }, { prizeId: p[1]!, quantity: 2 }] }],
      { stocks: [10, 10] },
    );
    const redis = await requestRedis();
    const meta = (await activityMeta(redis, activity.id))!;
    const stale = { ...meta, view: { ...meta.view, maxBundle: 1 } };
    const stockBefore = await redis.hgetall(drawKeys(activity.id).stock);
    const now = Date.now();
    // The first goes alone; the stale one and the next go together, the stale one padded.
    const [, refused, fine] = await Promise.all([
      decideDraw({
        redis,
        activityId: activity.id,
        meta,
        user: endUser(tenant, 'first'),
        key: 'k1',
        day: localDay(meta.timezone, now),
        now,
      }),
      decideDraw({
        redis,
        activityId: activity.id,
        meta: stale,
        user: endUser(tenant, 'stale'),
        key: 'k1',
        day: localDay(meta.timezone, now),
        now,
      }),
      decideDraw({
        redis,
        activityId: activity.id,
        meta,
        user: endUser(tenant, 'fresh'),
        key: 'k1',
        day: localDay(meta.timezone, now),
        now,
      }),
    ]);
    expect(refused).toEqual({ kind: 'error', code: 'STALE_VIEW' });
    expect(fine).toMatchObject({ kind: 'ok', record: { t: activity.tiers[0]!.id } });
    expect(await redis.exists(drawKeys(activity.id).user('stale'), drawKeys(activity.id).idem('stale', 'k1'))).toBe(0);
    const stockAfter = await redis.hgetall(drawKeys(activity.id).stock);
    expect(Number(stockAfter[`t:${activity.tiers[0]!.id}`])).toBe(
      Number(stockBefore[`t:${activity.tiers[0]!.id}`]) - 2,
    );
  });
});
