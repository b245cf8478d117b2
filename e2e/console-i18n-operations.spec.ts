// The console's operations pages in Chinese (components/console/i18n.tsx): with the language
// cookie set, a live activity's dashboard, the prizes with a prize's stock ledger, and the
// winners show Chinese headings, labels and statuses, and fit 1440 px without a horizontal
// scrollbar. The activity is this spec's own (created through the management API in the demo
// tenant, drawn by two users so it has winners). Screenshots at 1440×900 into e2e/screenshots/.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { cli, expectNoHorizontalOverflow, manage, screenshots, signIn } from './support';

const shot = screenshots('console-i18n-operations');

let key: string;
let activityId: string;
let prizeId: string;
let prizeName: string;
let run: string;

test.beforeAll(async ({ request }) => {
  [key] = cli('apikey', ['--tenant', 'demo', '--name', 'e2e i18n operations']) as [string];
  run = Date.now().toString(36);
  prizeName = `Tote ${run}`;
  const prize = await manage(request, key, 'POST', '/prizes', { name: prizeName, kind: 'physical', stock: 50 });
  prizeId = prize.id;
  const now = Date.now();
  const activity = await manage(request, key, 'POST', '/activities', {
    name: `Operations zh ${run}`,
    gameplay: 'wheel',
    timezone: 'Asia/Shanghai',
    startsAt: new Date(now - 30 * 60_000).toISOString(),
    endsAt: new Date(now + 90 * 60_000).toISOString(),
    limits: { freeDrawsPerDay: 1 },
    tiers: [{ name: 'Tote', probability: 1, stock: 20, prizes: [{ prizeId, quantity: 1 }] }],
  });
  activityId = activity.id;
  await manage(request, key, 'POST', `/activities/${activityId}/publish`);
  const tokens = cli('token', ['--tenant', 'demo', '--user', `zh-${run}-1`, '--user', `zh-${run}-2`]);
  for (const token of tokens) {
    const res = await request.post(`/api/v1/activities/${activityId}/draws`, {
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
});

test.afterAll(async ({ request }) => {
  if (activityId)
    await request.fetch(`/api/manage/activities/${activityId}/end`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
    });
});

test.describe('the console in Chinese: dashboard, prizes, winners', () => {
  test('a live dashboard, the prizes, a stock ledger and the winners read in Chinese', async ({
    page,
    context,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    await signIn(page, 'owner@demo.test');
    await context.addCookies([{ name: 'console_locale', value: 'zh-CN', url: baseURL! }]);

    await page.goto(`/t/demo/activities/${activityId}/dashboard`);
    await expect(page).toHaveTitle(/实时看板/);
    await expect(page.getByTestId('activity-status')).toHaveText('进行中');
    for (const heading of ['档位', '库存消耗', '奖品池', '转化漏斗', '奖品预算', '最近变更'])
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    await expect(page.getByTestId('kpi-draws')).toHaveText('2', { timeout: 30_000 });
    const tiers = page.getByRole('table', { name: '档位' });
    for (const column of ['档位', '配置概率', '实际占比', '中奖次数', '档位库存', '剩余', '配速'])
      await expect(tiers.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: '暂停', exact: true })).toBeVisible();
    // The charts' legends name their series in the operator's language too.
    const legends = page.locator('.recharts-legend-wrapper');
    for (const series of ['配置概率', '实际抽奖占比', '新用户', '已发放', '已使用'])
      await expect(legends.getByText(series, { exact: true })).toBeVisible();
    await expect(page.getByTestId('aggregated-at')).toContainText('汇总于');
    await expectNoHorizontalOverflow(page);
    await shot(page, 'dashboard');

    // A tier's adjustment dialog and its before → after table.
    await page.getByRole('button', { name: '调整 Tote' }).click();
    const dialog = page.getByRole('dialog', { name: '调整 Tote' });
    await dialog.getByLabel('概率（%）').fill('50');
    await dialog.getByRole('button', { name: '检查变更' }).click();
    const diff = page.getByRole('table', { name: '对 Tote 的变更' });
    await expect(diff.getByRole('columnheader', { name: '变更前' })).toBeVisible();
    await expect(diff.getByRole('row', { name: /概率/ }).first()).toContainText('50%');
    await expect(page.getByText('下一次抽奖即使用新概率。')).toBeVisible();
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('button', { name: '取消' }).click();

    await page.goto('/t/demo/prizes');
    await expect(page).toHaveTitle(/奖品/);
    await expect(page.getByRole('heading', { level: 1, name: '奖品' })).toBeVisible();
    const prizes = page.getByRole('table', { name: '奖品' });
    for (const column of ['奖品', '类型', '单价', '总量', '可用', '预留'])
      await expect(prizes.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
    await expect(prizes.getByRole('row').filter({ hasText: prizeName })).toContainText('实物');
    await expect(page.getByRole('button', { name: '新建奖品' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'prizes');

    await page.goto(`/t/demo/prizes/${prizeId}`);
    await expect(page).toHaveTitle(/库存台账/);
    await expect(page.getByRole('heading', { level: 2, name: '变动记录' })).toBeVisible();
    const ledger = page.getByRole('table', { name: '库存变动' });
    await expect(ledger.getByRole('row').filter({ hasText: '预留' }).first()).toBeVisible();
    await expect(page.getByRole('form', { name: '筛选台账' })).toBeVisible();
    await expect(page.getByRole('button', { name: `补货：${prizeName}` })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'ledger');

    await page.goto(`/t/demo/winners?activity=${activityId}`);
    await expect(page).toHaveTitle(/中奖者/);
    await expect(page.getByRole('heading', { level: 1, name: '中奖者' })).toBeVisible();
    const winners = page.getByRole('table', { name: '中奖者' });
    for (const column of ['中奖者', '奖品', '状态', '配送'])
      await expect(winners.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
    await expect(winners.getByRole('row').filter({ hasText: prizeName })).toHaveCount(2);
    await expect(winners).toContainText('待领取');
    await expect(winners).toContainText('尚无地址');
    await expect(page.getByTestId('selection-count')).toHaveText('选择中奖记录以批量操作');
    await expect(page.getByRole('button', { name: '导入发货信息' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'winners');

    await page.goto('/t/demo/risk');
    await expect(page).toHaveTitle(/风控/);
    for (const heading of ['规则', '黑名单', '最近风控事件'])
      await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
    await expect(page.getByRole('form', { name: '添加规则' })).toBeVisible();
    await expect(page.getByRole('tab', { name: /用户/ })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'risk');

    await page.goto(`/t/demo/players?user=zh-${run}-1`);
    await expect(page).toHaveTitle(/玩家/);
    for (const heading of ['参与的活动', '抽奖次数', '奖品'])
      await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: '抽奖次数' })).toContainText('抽中 Tote');
    await expectNoHorizontalOverflow(page);
    await shot(page, 'players');
  });
});
