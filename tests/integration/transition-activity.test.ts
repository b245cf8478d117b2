// The one transition table (lib/activities/transition-activity.ts): a change moves the activity
// only from a state its caller expected, only along the table, and the records, the audit trail
// and the draw's hot state agree on the result.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { changeActivityStatus } from '@/lib/activities/change-status';
import { settleJobId } from '@/lib/activities/schedule-settle';
import { NEXT_STATUSES, transitionActivity } from '@/lib/activities/transition-activity';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { getQueue } from '@/lib/queues';
import { createRedis } from '@/lib/redis';
import { endUser, liveActivity, testActor } from '../helpers/activities';
import { freshTenant } from '../helpers/fixtures';

const redis = createRedis('worker');
afterAll(() => redis.quit());

const live = () => liveActivity((p) => [{ probability: 0.5, stock: 5, prizes: [{ prizeId: p[0]! }] }]);

describe('transitionActivity', () => {
  it('makes exactly one of a pause and an end that race from LIVE; records, audit and hot state agree', async () => {
    const { activity } = await live();
    const [paused, ended] = await Promise.all([
      transitionActivity({
        activityId: activity.id,
        from: ['LIVE'],
        to: 'PAUSED',
        actor: testActor,
        action: 'activity.pause',
      }),
      transitionActivity({
        activityId: activity.id,
        from: ['LIVE'],
        to: 'ENDED',
        actor: testActor,
        action: 'activity.end',
      }),
    ]);
    const made = [paused, ended].filter((o) => o.applied);
    expect(made).toHaveLength(1);
    const status = made[0]!.applied ? made[0]!.to : null;
    expect([paused, ended].find((o) => !o.applied)).toEqual({ applied: false, status });
    expect((await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).status).toBe(status);
    expect(await redis.hget(drawKeys(activity.id).cfg, 'status')).toBe(status);
    expect(
      await db.auditLog.count({ where: { objectId: activity.id, action: { in: ['activity.pause', 'activity.end'] } } }),
    ).toBe(1);
    // Reaching ENDED queues the settle job; a pause does not.
    expect(Boolean(await getQueue('settle').getJob(settleJobId(activity.id)))).toBe(status === 'ENDED');
  });

  it('writes nothing when the activity is not where the caller expected it, or changed since it was read', async () => {
    const { tenant, activity } = await live();
    const row = await db.activity.findUniqueOrThrow({ where: { id: activity.id } });
    const pause = { activityId: activity.id, to: 'PAUSED', actor: testActor, action: 'activity.pause' } as const;
    expect(await transitionActivity({ ...pause, from: ['SCHEDULED'] })).toEqual({ applied: false, status: 'LIVE' });
    expect(await transitionActivity({ ...pause, from: ['LIVE'], version: row.version - 1 })).toEqual({
      applied: false,
      status: 'LIVE',
    });
    expect(await transitionActivity({ ...pause, from: ['LIVE'], tenantId: (await freshTenant()).id })).toEqual({
      applied: false,
      status: null,
    });
    expect(await transitionActivity({ ...pause, activityId: randomUUID(), from: ['LIVE'] })).toEqual({
      applied: false,
      status: null,
    });
    expect(await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).toEqual(row);
    expect(await transitionActivity({ ...pause, from: ['LIVE'], tenantId: tenant.id, version: row.version })).toEqual({
      applied: true,
      from: 'LIVE',
      to: 'PAUSED',
    });
  });

  it('refuses a move its table does not have, before touching the activity', async () => {
    const { activity } = await live();
    const move = { activityId: activity.id, actor: testActor, action: 'activity.test' };
    await expect(transitionActivity({ ...move, from: ['LIVE'], to: 'SETTLED' })).rejects.toThrow(
      'cannot go from LIVE to SETTLED',
    );
    await expect(transitionActivity({ ...move, from: ['LIVE', 'ENDED'], to: 'PAUSED' })).rejects.toThrow(
      'cannot go from ENDED to PAUSED',
    );
    await expect(transitionActivity({ ...move, from: ['PAUSED'], to: 'DRAFT' })).rejects.toThrow(
      'cannot go from PAUSED to DRAFT',
    );
    expect((await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).status).toBe('LIVE');
    // Nothing leaves SETTLED, and only ENDED reaches it.
    expect(NEXT_STATUSES.SETTLED).toEqual([]);
    expect(
      Object.entries(NEXT_STATUSES)
        .filter(([, next]) => next.includes('SETTLED'))
        .map(([from]) => from),
    ).toEqual(['ENDED']);
  });

  it('carries the new status into a hot state that was lost, before it returns', async () => {
    const { tenant, activity } = await live();
    const k = drawKeys(activity.id);
    await redis.del(k.cfg);
    expect(
      await transitionActivity({
        activityId: activity.id,
        from: ['LIVE'],
        to: 'PAUSED',
        actor: testActor,
        action: 'activity.pause',
      }),
    ).toMatchObject({ applied: true });
    expect(await redis.hget(k.cfg, 'status')).toBe('PAUSED');
    await expect(executeDraw(endUser(tenant, 'u'), activity.id, randomUUID())).rejects.toMatchObject({
      code: 'ACTIVITY_NOT_LIVE',
      message: 'the activity is paused',
    });
  });

  it('makes good a pause whose process died after the commit, when the operator asks again', async () => {
    const { tenant, activity } = await live();
    // The record says PAUSED; the process died before telling the hot state, which says LIVE.
    await db.activity.update({ where: { id: activity.id }, data: { status: 'PAUSED', version: { increment: 1 } } });
    expect(await redis.hget(drawKeys(activity.id).cfg, 'status')).toBe('LIVE');

    const again = changeActivityStatus(tenant.id, testActor, { activityId: activity.id, transition: 'pause' });
    await expect(again).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await redis.hget(drawKeys(activity.id).cfg, 'status')).toBe('PAUSED');
    await expect(executeDraw(endUser(tenant, 'late'), activity.id, randomUUID())).rejects.toMatchObject({
      code: 'ACTIVITY_NOT_LIVE',
    });
  });
});
