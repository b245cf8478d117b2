// The user id and the Idempotency-Key are both free text and both may hold ':': user `ik` with
// key `a:k1` and user `ik:a` with key `k1` are two draws, never one. Results stored under the
// keys' former spelling (user and key joined by ':') are still replayed across the deploy, but
// only to the very user and key they record.
import { afterAll, describe, expect, it } from 'vitest';
import { POST as draw } from '@/app/api/v1/activities/[activityId]/draws/route';
import { db } from '@/lib/db';
import { activityMeta } from '@/lib/draw/activity-state';
import { decideDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { localDay } from '@/lib/draw/local-day';
import { createRedis } from '@/lib/redis';
import { endUser, liveActivity } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';

const redis = createRedis('worker');
afterAll(() => redis.quit());

const live = () =>
  liveActivity((p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }], {
    overrides: { limits: { freeDrawsPerDay: 5 } },
  });
const drawAs = (token: string, activityId: string, key: string) =>
  callRoute(draw, { method: 'POST', headers: { ...bearer(token), 'idempotency-key': key }, params: { activityId } });
const drawsOf = (activityId: string, userId: string) =>
  db.draw.findMany({ where: { activityId, userId }, select: { id: true, idempotencyKey: true } });

describe('idempotency keys', () => {
  it("user 'ik' with key 'a:k1' and user 'ik:a' with key 'k1' are two draws", async () => {
    const { tenant, activity } = await live();
    const [ik, ika] = await Promise.all([tenant.userToken('ik'), tenant.userToken('ik:a')]);
    const first = await drawAs(ik, activity.id, 'a:k1');
    const second = await drawAs(ika, activity.id, 'k1');
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.json.drawId).not.toBe(first.json.drawId);
    expect(await drawsOf(activity.id, 'ik')).toEqual([{ id: first.json.drawId, idempotencyKey: 'a:k1' }]);
    expect(await drawsOf(activity.id, 'ik:a')).toEqual([{ id: second.json.drawId, idempotencyKey: 'k1' }]);
    // Each retry is its own user's draw again, and nothing is consumed twice.
    expect((await drawAs(ik, activity.id, 'a:k1')).json).toEqual(first.json);
    expect((await drawAs(ika, activity.id, 'k1')).json).toEqual(second.json);
    const k = drawKeys(activity.id);
    expect(await redis.hget(k.user('ik'), 'total')).toBe('1');
    expect(await redis.hget(k.user('ik:a'), 'total')).toBe('1');
  });

  it('a result stored under the former spelling is replayed to its own user and key only', async () => {
    const { tenant, activity } = await live();
    const k = drawKeys(activity.id);
    // A draw the previous release decided and stored under the former key, its process killed
    // before the commit: the draw is in the stream only.
    const meta = (await activityMeta(redis, activity.id))!;
    const now = Date.now();
    const user = endUser(tenant, 'ik');
    const before = await decideDraw({
      redis,
      activityId: activity.id,
      meta,
      user,
      key: 'a:k1',
      day: localDay(meta.timezone, now),
      now,
    });
    if (before.kind !== 'ok') throw new Error(`the draw was refused: ${JSON.stringify(before)}`);
    await redis.rename(k.idem('ik', 'a:k1'), k.legacyIdem('ik', 'a:k1'));

    // Another user, whose id and key join to the same former key, draws afresh.
    const other = await drawAs(await tenant.userToken('ik:a'), activity.id, 'k1');
    expect(other.status).toBe(200);
    expect(other.json.drawId).not.toBe(before.record.d);
    expect(await drawsOf(activity.id, 'ik:a')).toEqual([{ id: other.json.drawId, idempotencyKey: 'k1' }]);

    // The user's retry after the deploy gets the draw made before it: one draw, one chance used.
    const retry = await drawAs(await tenant.userToken('ik'), activity.id, 'a:k1');
    expect(retry.status).toBe(200);
    expect(retry.json.drawId).toBe(before.record.d);
    expect(await drawsOf(activity.id, 'ik')).toEqual([{ id: before.record.d, idempotencyKey: 'a:k1' }]);
    expect(await redis.hget(k.user('ik'), 'total')).toBe('1');
  });
});
