// The workers visit only activities something happened to: an activity nobody draws in still
// starts and ends on time (its delayed lifecycle jobs), and a draw in it is in PostgreSQL within
// seconds though no web process committed it (the draw marks it for the draw-log sweeper).
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivity } from '@/lib/activities/create-activity';
import { publishActivity } from '@/lib/activities/publish-activity';
import { db } from '@/lib/db';
import { activityMeta } from '@/lib/draw/activity-state';
import { decideDraw } from '@/lib/draw/execute-draw';
import { localDay } from '@/lib/draw/local-day';
import { createRedis } from '@/lib/redis';
import { createPrizes, endUser, specFor, testActor } from '../../helpers/activities';
import { freshTenant } from '../../helpers/fixtures';
import { startWorkers, waitFor } from '../../helpers/workers';

const redis = createRedis('worker');
afterAll(() => redis.quit());

describe('idle activities and the sweeping workers', () => {
  it('an idle activity starts and ends on time, and a draw decided in it is drained within 5 s', async () => {
    const t = await freshTenant();
    const [prize] = await createPrizes(t.id, [20]);
    const startsAt = Date.now() + 15_000;
    const endsAt = startsAt + 10_000;
    const draft = await createActivity(
      t.id,
      testActor,
      specFor([{ probability: 0.5, stock: 20, prizes: [{ prizeId: prize!.id }] }], {
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
      }),
    );
    expect((await publishActivity(t.id, testActor, draft.id)).status).toBe('SCHEDULED');
    const status = () =>
      db.activity.findUniqueOrThrow({ where: { id: draft.id }, select: { status: true, endedAt: true } });

    const worker = startWorkers();
    try {
      const live = await waitFor(status, (a) => a.status === 'LIVE', 40_000);
      expect(live.status).toBe('LIVE');
      expect(Date.now()).toBeGreaterThanOrEqual(startsAt);

      // Decided in Redis, never committed by a web process: only the sweeper writes it.
      const meta = (await activityMeta(redis, draft.id))!;
      const now = Date.now();
      const decided = await decideDraw({
        redis,
        activityId: draft.id,
        meta,
        user: endUser(t, 'idle-user'),
        key: randomUUID(),
        day: localDay(meta.timezone, now),
        now,
      });
      if (decided.kind !== 'ok') throw new Error(`draw refused: ${JSON.stringify(decided)}`);
      const drained = await waitFor(
        () => db.draw.findUnique({ where: { id: decided.record.d } }),
        (d) => d !== null,
        5_000,
      );
      expect(drained).not.toBeNull();

      const ended = await waitFor(status, (a) => a.status === 'ENDED' || a.status === 'SETTLED', 20_000);
      expect(['ENDED', 'SETTLED']).toContain(ended.status);
      expect(ended.endedAt!.getTime()).toBeGreaterThanOrEqual(endsAt);
    } finally {
      worker.kill('SIGTERM');
      await once(worker, 'exit');
    }
  });
});
