// A FAIRNESS_KEY that does not read the activities' seeds (docs/fairness.md): draws of a seeded
// activity answer 503 FAIRNESS_SEED_UNREADABLE, never 500, and change nothing; /api/health lists
// it among its warnings; the right key back, draws go on.
import { afterEach, describe, expect, it } from 'vitest';
import { POST as drawRoute } from '@/app/api/v1/activities/[activityId]/draws/route';
import { GET as healthRoute } from '@/app/api/health/route';
import { resetConfigForTests } from '@/lib/config';
import { db } from '@/lib/db';
import { forgetActiveSeed } from '@/lib/fairness/activity-seeds';
import { liveActivity } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';

const rightKey = process.env.FAIRNESS_KEY;

function useKey(key: string | undefined) {
  process.env.FAIRNESS_KEY = key;
  resetConfigForTests();
}

describe('an undecryptable fairness seed', () => {
  afterEach(() => useKey(rightKey));

  it('refuses draws with 503 FAIRNESS_SEED_UNREADABLE, changing nothing, and warns in /api/health', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 5 } } },
    );
    const draw = async (key: string) =>
      callRoute(drawRoute, {
        method: 'POST',
        headers: { ...bearer(await tenant.userToken('kim')), 'idempotency-key': key },
        params: { activityId: activity.id },
      });
    const fairnessWarnings = async () =>
      ((await callRoute(healthRoute)).json.warnings as { check: string; code: string }[]).filter(
        (w) => w.check === 'fairness',
      );
    expect(await fairnessWarnings()).toEqual([]);

    // Another deployment's key: the seed this process has not read yet cannot be read.
    useKey('ab'.repeat(32));
    forgetActiveSeed(activity.id);
    const refused = await draw('k-1');
    expect(refused.status).toBe(503);
    expect(refused.json.error).toEqual({
      code: 'FAIRNESS_SEED_UNREADABLE',
      message: expect.stringContaining('FAIRNESS_KEY'),
    });
    expect(await db.draw.count({ where: { activityId: activity.id } })).toBe(0);
    expect(await fairnessWarnings()).toEqual([
      { check: 'fairness', code: 'FAIRNESS_SEED_UNREADABLE', message: expect.stringContaining('FAIRNESS_KEY') },
    ]);

    // The right key again: the same key draws, once.
    useKey(rightKey);
    const drawn = await draw('k-1');
    expect(drawn.status).toBe(200);
    expect(await db.draw.count({ where: { activityId: activity.id } })).toBe(1);
    expect(await fairnessWarnings()).toEqual([]);
  });
});
