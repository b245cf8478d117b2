// Scheduled start and end happen on time and once, across a worker killed in between; the
// ended activity's unused stock returns exactly once; the sweep makes a transition a lost
// job would have missed.
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createActivity } from '@/lib/activities/create-activity';
import { sweepLifecycle } from '@/lib/activities/lifecycle';
import { publishActivity } from '@/lib/activities/publish-activity';
import { db } from '@/lib/db';
import { createPrizes, specFor, testActor } from '../../helpers/activities';
import { freshTenant } from '../../helpers/fixtures';
import { startWorkers, waitFor } from '../../helpers/workers';

describe('activity lifecycle', () => {
  it('goes SCHEDULED → LIVE → ENDED on time, once each, though the worker is killed in between', async () => {
    const t = await freshTenant();
    const [prize] = await createPrizes(t.id, [50]);
    // Far enough ahead that publishing on a busy machine is done before the start.
    const startsAt = Date.now() + 15_000;
    const endsAt = startsAt + 5_000;
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

    let worker = startWorkers();
    try {
      const live = await waitFor(status, (a) => a.status === 'LIVE', 60_000);
      const liveAt = Date.now();
      expect(live.status).toBe('LIVE');
      expect(liveAt).toBeGreaterThanOrEqual(startsAt);
      worker.kill('SIGKILL');
      await once(worker, 'exit');
      worker = startWorkers();
      const ended = await waitFor(status, (a) => a.status === 'ENDED', 60_000);
      expect(ended.status).toBe('ENDED');
      expect(ended.endedAt!.getTime()).toBeGreaterThanOrEqual(endsAt);
      const returned = await waitFor(
        () => db.stockMovement.count({ where: { activityId: draft.id, kind: 'RETURN' } }),
        (n) => n > 0,
        20_000,
      );
      expect(returned).toBe(1);
    } finally {
      worker.kill('SIGTERM');
      await once(worker, 'exit');
    }
    const transitions = await db.auditLog.findMany({
      where: { objectId: draft.id, action: { in: ['activity.start', 'activity.end'] } },
    });
    expect(transitions.map((a) => a.action).sort()).toEqual(['activity.end', 'activity.start']);
    expect((await db.prize.findUniqueOrThrow({ where: { id: prize!.id } })).availableStock).toBe(50);
    expect(await db.stockMovement.count({ where: { activityId: draft.id, kind: 'RETURN' } })).toBe(1);
  }, 240_000);

  it('the sweep ends an activity whose end job was lost, once', async () => {
    const t = await freshTenant();
    const [prize] = await createPrizes(t.id, [10]);
    const draft = await createActivity(
      t.id,
      testActor,
      specFor([{ probability: 0.5, stock: 10, prizes: [{ prizeId: prize!.id }] }]),
    );
    await publishActivity(t.id, testActor, draft.id);
    // Its end is now past, and no job will come.
    await db.activity.update({
      where: { id: draft.id },
      data: { endsAt: new Date(Date.now() - 1_000), startsAt: new Date(Date.now() - 60_000) },
    });
    expect(await sweepLifecycle()).toBeGreaterThanOrEqual(1);
    expect((await db.activity.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('ENDED');
    const before = await db.auditLog.count({ where: { objectId: draft.id, action: 'activity.end' } });
    await sweepLifecycle();
    expect(await db.auditLog.count({ where: { objectId: draft.id, action: 'activity.end' } })).toBe(before);
  });
});
