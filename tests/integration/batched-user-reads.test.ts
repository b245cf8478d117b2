// The play page's reads of many users go out as one statement (lib/batched-reads.ts): each
// answer must hold that user's rows only, in that tenant and activity, even when a batch mixes
// tenants, activities and users who share an id across tenants.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getMyState } from '@/lib/chances/get-my-state';
import { executeDraw } from '@/lib/draw/execute-draw';
import { listUserWins } from '@/lib/fulfilment/list-user-wins';
import { completeTask } from '@/lib/tasks/complete-task';
import { endUser, liveActivity } from '../helpers/activities';

const overrides = {
  limits: { freeDrawsPerDay: 5 },
  tasks: [{ kind: 'sign_in' as const, name: 'Check in', chances: 1, perDay: 1 }],
};

async function playedActivity() {
  const { tenant, activity } = await liveActivity(
    (p) => [{ probability: 1, stock: 1000, prizes: [{ prizeId: p[0]! }] }],
    {
      overrides,
    },
  );
  return { tenant, activityId: activity.id };
}

describe('batched reads of the play page', () => {
  it('answers each concurrent read with its own user, tenant and activity only', async () => {
    const a = await playedActivity();
    const b = await playedActivity();
    // Same user ids in both tenants; user i draws i % 4 times in A and (i + 1) % 3 times in B.
    const users = Array.from({ length: 40 }, (_, i) => `shared-${i}`);
    const drawsIn = (i: number, act: typeof a) => (act === a ? i % 4 : (i + 1) % 3);
    for (const act of [a, b])
      await Promise.all(
        users.map(async (u, i) => {
          for (let n = 0; n < drawsIn(i, act); n++)
            await executeDraw(endUser(act.tenant, u), act.activityId, randomUUID());
          if (i % 2 === 0) await completeTask(endUser(act.tenant, u), act.activityId, await signInTask(act));
        }),
      );

    // Everything at once: states and win lists of both tenants, interleaved, in one crowd.
    const reads = users.flatMap((u, i) =>
      [a, b].flatMap((act) => [
        getMyState(endUser(act.tenant, u), act.activityId).then((s) => ({ kind: 'me', u, i, act, s })),
        listUserWins(act.tenant.id, u).then((wins) => ({ kind: 'wins', u, i, act, wins })),
      ]),
    );
    for (const r of await Promise.all(reads)) {
      const expected = drawsIn(r.i, r.act);
      if (r.kind === 'me') {
        const s = (r as { s: Awaited<ReturnType<typeof getMyState>> }).s;
        expect(s.wins, `${r.u} me`).toHaveLength(expected);
        expect(new Set(s.wins.map((w) => w.activityId))).toEqual(new Set(expected ? [r.act.activityId] : []));
        expect(s.tasks[0]!.doneToday, `${r.u} task`).toBe(r.i % 2 === 0 ? 1 : 0);
      } else {
        const wins = (r as { wins: Awaited<ReturnType<typeof listUserWins>> }).wins;
        expect(wins, `${r.u} wins`).toHaveLength(expected);
        expect(wins.every((w) => w.activityId === r.act.activityId)).toBe(true);
      }
    }
    // A limit holds per read, not per batch.
    const limited = await Promise.all(users.map((u) => listUserWins(a.tenant.id, u, { limit: 1 })));
    expect(limited.map((w) => w.length)).toEqual(users.map((_, i) => Math.min(1, drawsIn(i, a))));
  });
});

async function signInTask(act: { activityId: string }) {
  const { db } = await import('@/lib/db');
  const task = await db.task.findFirstOrThrow({ where: { activityId: act.activityId } });
  return task.id;
}
