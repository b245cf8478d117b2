// The rules page's "Provably fair" section: the commitment while the seed is secret (and no
// script), the revealed seed and a verify form that recomputes a draw in the browser after.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { changeActivityStatus } from '@/lib/activities/change-status';
import { executeDraw } from '@/lib/draw/execute-draw';
import { getActivityFairness } from '@/lib/fairness/get-activity-fairness';
import { listUserWins } from '@/lib/fulfilment/list-user-wins';
import { renderRulesPage } from '@/lib/h5/render-play-page';
import { db } from '@/lib/db';
import { endUser, liveActivity, testActor } from '../helpers/activities';

describe('rules page: provably fair', () => {
  it('shows the commitment before the reveal, and the seed with a verify form after it', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] },
    ]);
    const [seed] = (await getActivityFairness(tenant.id, activity.id)).seeds;
    const before = await (await renderRulesPage(activity.id, 'en')).text();
    expect(before).toContain(seed!.commitment);
    expect(before).toContain('hmac-sha256-r1e6-v1');
    expect(before).not.toContain('<script');
    expect(before).not.toContain('data-testid="rules-revealed-seed"');

    // A win's row names its draw, for the play page's verify dialog.
    const drawn = await executeDraw(endUser(tenant, 'gina'), activity.id, randomUUID());
    const [win] = await listUserWins(tenant.id, 'gina');
    expect(win!.drawId).toBe(drawn.drawId);

    await changeActivityStatus(tenant.id, testActor, { activityId: activity.id, transition: 'end' });
    const after = await (await renderRulesPage(activity.id, 'zh-CN')).text();
    const revealed = (await getActivityFairness(tenant.id, activity.id)).seeds[0]!.seed!;
    expect(after).toMatch(new RegExp(`data-testid="rules-revealed-seed"[^>]*>${revealed}<`));
    expect(after).toContain('id="verify-form"');
    expect(after).toContain('<script>');
    expect(after).toContain('crypto.subtle');
    expect(after).toContain('在本浏览器中复算');
    expect(await db.activitySeed.count({ where: { activityId: activity.id, revealedAt: null } })).toBe(0);
  });
});
