// callRoute itself: in lane mode (the `integration-lane` project) a hot route's request really
// travels over a socket through the hot lane, which counts it; in the default mode the handler is
// called directly and no lane server starts. Either way the answer is the route's own.
import { describe, expect, it } from 'vitest';
import { GET as activityView } from '@/app/api/v1/activities/[activityId]/route';
import { POST as pause } from '@/app/api/manage/activities/[id]/pause/route';
import { liveActivity } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';
import { laneCounts, THROUGH_HOT_LANE } from '../helpers/through-lane';

describe('callRoute', () => {
  it('sends a hot route through the lane in lane mode, and calls everything else directly', async () => {
    const tiers = (p: string[]) => [{ probability: 0.5, stock: 10, prizes: [{ prizeId: p[0]! }] }];
    const { tenant, activity } = await liveActivity(tiers);
    const token = await tenant.userToken('lane-mode-user');
    const before = await laneCounts();

    const view = await callRoute(activityView, {
      headers: bearer(token),
      path: '/?from=lane-mode',
      params: { activityId: activity.id.toUpperCase() },
    });
    expect(view.status, view.text).toBe(200);
    expect(view.json.id).toBe(activity.id);
    const afterView = await laneCounts();

    // A console route is no hot route; an id the lane would leave to Next (encoded, `..`) goes direct too.
    const paused = await callRoute(pause, {
      method: 'POST',
      headers: bearer(tenant.apiKey),
      params: { id: activity.id },
    });
    expect(paused.status, paused.text).toBe(200);
    for (const activityId of [`${activity.id} x`, '..']) {
      const odd = await callRoute(activityView, { headers: bearer(token), params: { activityId } });
      expect(odd.status, odd.text).toBe(404);
    }

    if (THROUGH_HOT_LANE) {
      // The header the lane adds as Next's config does, which the handler alone never sets.
      expect(view.headers.get('x-frame-options')).toBe('DENY');
      expect(afterView).toEqual({ answered: (before?.answered ?? 0) + 1, leftToNext: 0 });
      expect(await laneCounts()).toEqual(afterView);
    } else {
      expect(view.headers.get('x-frame-options')).toBeNull();
      expect(await laneCounts()).toBeNull();
    }
  });
});
