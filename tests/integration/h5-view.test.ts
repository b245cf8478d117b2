// What the H5 pages render before the user is known, the language they pick, and the claim
// form's checks agreeing with the server's schema.
import { describe, expect, it } from 'vitest';
import { createActivity } from '@/lib/activities/create-activity';
import { patchTier } from '@/lib/activities/patch-tier';
import { claimProblems } from '@/lib/fulfilment/claim-rules';
import { ClaimWin } from '@/lib/fulfilment/schemas';
import { demoTokens, getPlayView } from '@/lib/h5/get-play-view';
import { pickLocale } from '@/lib/i18n/messages';
import { liveActivity, specFor, testActor } from '../helpers/activities';

describe('H5 play view', () => {
  it('shows a published activity with its live odds, never a draft, and mints no demo tokens by default', async () => {
    const { tenant, activity, prizes } = await liveActivity((p) => [
      { name: 'Gold', probability: 0.125, stock: 10, prizes: [{ prizeId: p[0]! }] },
    ]);
    const view = await getPlayView(activity.id);
    expect(view).toMatchObject({
      id: activity.id,
      gameplay: 'wheel',
      tiers: [{ name: 'Gold', probability: 0.125 }],
      noWinProbability: 0.875,
    });
    await patchTier(tenant.id, testActor, {
      activityId: activity.id,
      tierId: view!.tiers[0]!.id,
      patch: { probability: 0.5 },
    });
    expect((await getPlayView(activity.id))!.tiers[0]!.probability).toBe(0.5);
    const draft = await createActivity(
      tenant.id,
      testActor,
      specFor([{ probability: 0.1, stock: 1, prizes: [{ prizeId: prizes[0]!.id }] }]),
    );
    expect(await getPlayView(draft.id)).toBeNull();
    expect(await getPlayView('not-a-uuid')).toBeNull();
    expect(await demoTokens(activity.id)).toBeNull();
  });

  it('picks zh-CN or en from the cookie, then Accept-Language by weight', () => {
    expect(pickLocale(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLocale(undefined, 'en;q=0.4, zh-TW;q=0.9')).toBe('zh-CN');
    expect(pickLocale(undefined, 'fr-FR, en-GB;q=0.8')).toBe('en');
    expect(pickLocale(undefined, null)).toBe('en');
    expect(pickLocale('en', 'zh-CN')).toBe('en');
  });

  it('checks a claim in the browser exactly as the server schema does', () => {
    const cases = [
      { name: 'Ann', phone: '+86 138 0000 0000', address: '1 Main Street' },
      { name: ' ', phone: '12345', address: '1 Main Street' },
      { name: 'Ann', phone: '1234', address: '1 Main Street' },
      { name: 'Ann', phone: '138-0000-0000', address: 'abc' },
      { name: 'x'.repeat(61), phone: 'phone', address: 'y'.repeat(301) },
    ];
    for (const c of cases) {
      const server = ClaimWin.safeParse(c);
      const fields = server.success ? [] : [...new Set(server.error.issues.map((i) => String(i.path[0])))].sort();
      expect(claimProblems(c).sort(), JSON.stringify(c)).toEqual(fields);
    }
  });
});
