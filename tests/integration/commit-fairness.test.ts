// The group commit writes each draw's proof fields to its own row: the batch's fairness values go
// to PostgreSQL as one JSON array, taken apart in order, a draw without a proof left null. Each is
// the compact string lib/fairness/draw-fairness.ts reads back as the proof's object.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { commitDraws } from '@/lib/draw/commit-draws';
import { toDrawRows, type DrawRecord } from '@/lib/draw/draw-record';
import { activityMeta } from '@/lib/draw/activity-state';
import { drawFairnessOf } from '@/lib/fairness/draw-fairness';
import { createRedis } from '@/lib/redis';
import { liveActivity } from '../helpers/activities';

const SEED = '0193a4b2-1111-7000-8000-00000000abcd';

describe('the commit of a batch of fair and plain draws', () => {
  it('stores each draw’s own proof, in a batch mixing draws with and without one', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { probability: 0.5, stock: 10, prizes: [{ prizeId: p[0]! }] },
    ]);
    const redis = createRedis('worker');
    const meta = (await activityMeta(redis, activity.id))!;
    await redis.quit();
    const proofs: Partial<DrawRecord>[] = [
      { f: `17:0:${SEED}`, pt: 0, fb: 'stock', o: '500000' },
      { f: '42::' },
      { f: `999999:3:${SEED}`, pt: -1, fb: 'none', o: '500000' },
      {},
      { f: `123456:1:${SEED}`, pt: 0, fb: 'policy', o: '500000' },
    ];
    const records: DrawRecord[] = proofs.map((proof, i) => ({
      d: randomUUID(),
      u: `user-${i}`,
      k: `key-${i}`,
      t: '',
      c: 'F',
      ts: String(Date.now()),
      pz: '',
      v: '1',
      e: '',
      l: 0,
      dev: '',
      ip: '',
      ...proof,
    }));
    const { inserted } = await commitDraws(records.map((r) => toDrawRows(r, tenant.id, activity.id, meta.view)));
    expect(inserted.size).toBe(records.length);
    const rows = await db.draw.findMany({ where: { activityId: activity.id }, select: { id: true, fairness: true } });
    const byId = new Map(rows.map((r) => [r.id, r.fairness]));
    expect(records.map((r) => byId.get(r.d))).toEqual([
      `17:0:${SEED}:0:stock:500000`,
      null,
      `999999:3:${SEED}:-1:none:500000`,
      null,
      `123456:1:${SEED}:0:policy:500000`,
    ]);
    expect(records.map((r) => drawFairnessOf(byId.get(r.d)))).toEqual([
      { s: SEED, i: 0, r: 17, t: 0, f: 'stock', o: [500000] },
      null,
      { s: SEED, i: 3, r: 999999, t: null, f: 'none', o: [500000] },
      null,
      { s: SEED, i: 1, r: 123456, t: 0, f: 'policy', o: [500000] },
    ]);
  });
});
