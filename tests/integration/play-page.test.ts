// The H5 play page document (lib/h5/render-play-page.ts): server-rendered by the same components
// the browser bundle hydrates, operator text escaped, the props the bundle reads equal to the live
// view, and rendered once per activity and language every few seconds.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPlayView } from '@/lib/h5/get-play-view';
import { patchTier } from '@/lib/activities/patch-tier';
import { proposeChange } from '@/lib/activities/propose-change';
import type { PlayActivity } from '@/lib/h5/page-props';
import { playActivityOf, renderPlayPage, renderRulesPage } from '@/lib/h5/render-play-page';
import { liveActivity, testActor } from '../helpers/activities';

const HOSTILE_TITLE = 'Lucky </script><img src=x onerror=alert(1)> & "friends"';

function propsOf(html: string) {
  const json = /<script type="application\/json" id="play-props">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return JSON.parse(json!) as { activity: PlayActivity; initialLocale: string };
}

describe('H5 play page document', () => {
  it('renders the game on the server, escapes operator text, and hands the bundle the live view', async () => {
    const { activity } = await liveActivity(
      (p) => [{ name: 'Gold', probability: 0.2, stock: 10, prizes: [{ prizeId: p[0]! }] }],
      {
        overrides: { materials: { title: HOSTILE_TITLE, themeColor: '#be123c' } },
      },
    );
    const res = await renderPlayPage(activity.id, 'zh-CN');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    // The game's markup is there before any script runs: the draw button and the wheel.
    expect(html).toMatch(/<div id="play-root"><main[^>]*>/);
    expect(html).toContain('data-testid="draw-button"');
    expect(html).toContain('data-testid="wheel"');
    // Only the escaped title: no second script end, no injected element.
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(
      '<title>Lucky &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;friends&quot;</title>',
    );
    const props = propsOf(html);
    const { texts, ...shown } = props.activity;
    expect({ ...shown, texts: {} }).toEqual(playActivityOf((await getPlayView(activity.id, 'zh-CN'))!));
    // The texts of both languages the page can switch to, without a reload.
    expect(Object.keys(texts).sort()).toEqual(['en', 'zh-CN']);
    expect(props.activity.title).toBe(HOSTILE_TITLE);
    expect(props.initialLocale).toBe('zh-CN');
    // One script, built and on disk under public/.
    const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(existsSync(join('public', scripts[0]!))).toBe(true);
  });

  it('answers 404 for an unknown activity, a draft and an unknown language', async () => {
    const { activity } = await liveActivity((p) => [
      { name: 'Gold', probability: 0.2, stock: 10, prizes: [{ prizeId: p[0]! }] },
    ]);
    expect((await renderPlayPage('6f1c1f4e-0000-4000-8000-000000000000', 'en')).status).toBe(404);
    expect((await renderPlayPage('not-a-uuid', 'en')).status).toBe(404);
    expect((await renderPlayPage(activity.id, 'fr')).status).toBe(404);
  });

  it('renders once per activity and language per interval, then reads the activity again', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ name: 'Gold', probability: 0.2, stock: 10, prizes: [{ prizeId: p[0]! }] }],
      {
        overrides: { materials: { title: 'Before' } },
      },
    );
    const t0 = Date.now();
    expect(propsOf(await (await renderPlayPage(activity.id, 'en', t0)).text()).activity.title).toBe('Before');
    // A live change of the materials, as the console and the API make it.
    const change = await proposeChange(tenant.id, testActor, {
      activityId: activity.id,
      input: { patch: { materials: { title: 'After' } } },
    });
    expect(change.status).toBe('APPLIED');
    expect(propsOf(await (await renderPlayPage(activity.id, 'en', t0 + 4_000)).text()).activity.title).toBe('Before');
    // Another language is its own page, rendered now.
    expect(propsOf(await (await renderPlayPage(activity.id, 'zh-CN', t0 + 4_000)).text()).activity.title).toBe('After');
    expect(propsOf(await (await renderPlayPage(activity.id, 'en', t0 + 5_000)).text()).activity.title).toBe('After');
  });

  it("rules: the live odds on every request, in the reader's language, without a script", async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ name: 'Gold', probability: 0.125, stock: 10, prizes: [{ prizeId: p[0]!, quantity: 2 }] }],
      {
        overrides: { materials: { title: HOSTILE_TITLE, rulesText: 'One draw a day.' } },
      },
    );
    const rowsOf = (html: string) =>
      [...html.matchAll(/data-testid="odds-row" data-tier-id="([^"]+)" data-probability="([^"]+)"/g)].map((m) => [
        m[1],
        Number(m[2]),
      ]);
    const first = await renderRulesPage(activity.id, 'zh-CN');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const html = await first.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('活动规则与中奖概率');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img src=x');
    const tierId = (await getPlayView(activity.id))!.tiers[0]!.id;
    expect(rowsOf(html)).toEqual([
      [tierId, 0.125],
      ['none', 0.875],
    ]);
    await patchTier(tenant.id, testActor, { activityId: activity.id, tierId, patch: { probability: 0.3 } });
    expect(rowsOf(await (await renderRulesPage(activity.id, 'en')).text())).toEqual([
      [tierId, 0.3],
      ['none', 0.7],
    ]);
    expect((await renderRulesPage('6f1c1f4e-0000-4000-8000-000000000000', 'en')).status).toBe(404);
  });

  it('rules: a segmented tier shows its odds in force now, its schedule, and what pacing does', async () => {
    const { activity } = await liveActivity((p) => [
      {
        name: 'Gold',
        probability: 0.1,
        stock: 10,
        pacing: 'even',
        prizes: [{ prizeId: p[0]! }],
        segments: [{ fromHour: 0, toHour: 24, fromDate: '2026-01-01', toDate: '2099-12-31', probability: 0.6 }],
      },
    ]);
    const html = await (await renderRulesPage(activity.id, 'en')).text();
    const tierId = (await getPlayView(activity.id))!.tiers[0]!.id;
    expect(html).toContain(`data-tier-id="${tierId}" data-probability="0.6"`);
    const schedule = /data-testid="odds-schedule"(.*?)<\/div>/s.exec(html)![1]!;
    expect(schedule.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toMatch(
      /00:00–24:00 2026-01-01 – 2099-12-31 60(\.0)?% at other times 10(\.0)?%/,
    );
    expect(html).toContain('data-testid="pacing-note"');
  });
});
