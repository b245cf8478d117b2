// One Idempotency-Key, one draw, even when Redis no longer remembers the key: after its
// result expired there, and after the activity was rebuilt from the rows.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { rebuildActivityState } from '@/lib/draw/rebuild-activity';
import { createRedis } from '@/lib/redis';
import { endUser, liveActivity } from '../helpers/activities';

const redis = createRedis('worker');
afterAll(() => redis.quit());

describe('a repeated Idempotency-Key that Redis has forgotten', () => {
  it('answers with the recorded draw and takes back the new one (key expired in Redis)', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 50, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 5 } } },
    );
    const user = endUser(tenant, 'returning');
    const key = randomUUID();
    const first = await executeDraw(user, activity.id, key);
    const k = drawKeys(activity.id);
    const before = {
      left: await redis.hget(k.stock, `p:${prizes[0]!.id}`),
      user: await redis.hgetall(k.user('returning')),
    };
    await redis.del(k.idem('returning', key));
    const again = await executeDraw(user, activity.id, key);
    expect(again).toEqual(first);
    expect(await db.draw.count({ where: { activityId: activity.id, userId: 'returning' } })).toBe(1);
    expect(await redis.hget(k.stock, `p:${prizes[0]!.id}`)).toBe(before.left);
    expect(await redis.hgetall(k.user('returning'))).toEqual(before.user);
  });

  it('answers with the recorded draw after the activity was rebuilt from the rows', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 50, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 5 } } },
    );
    const user = endUser(tenant, 'patient');
    const key = randomUUID();
    const first = await executeDraw(user, activity.id, key);
    const k = drawKeys(activity.id);
    await redis.del(k.cfg, k.stock, k.issued, k.user('patient'), k.idem('patient', key));
    expect(await rebuildActivityState(redis, activity.id, { graceMs: 0 })).toBe('rebuilt');
    expect(await executeDraw(user, activity.id, key)).toEqual(first);
    expect(await db.draw.count({ where: { activityId: activity.id, userId: 'patient' } })).toBe(1);
    expect(await redis.hget(k.user('patient'), 'total')).toBe('1');
  });
});
