// The console's activities, draft editor and change inbox in Chinese (components/console/i18n.tsx):
// with the language cookie set, the list, a new draft's editor and the change inbox show Chinese
// headings, labels, statuses and dates, and fit 1440 px without a horizontal scrollbar. The
// draft is renamed (an autosave in Chinese) and deleted again from the list. Screenshots at
// 1440×900 into e2e/screenshots/.
import { expect, test } from '@playwright/test';
import { expectNoHorizontalOverflow, screenshots, signIn } from './support';

const shot = screenshots('console-i18n-activities');

test.describe('the console in Chinese: activities, the editor, changes', () => {
  test('the activities list, a draft in the editor and the change inbox read in Chinese', async ({
    page,
    context,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    await signIn(page, 'owner@demo.test');
    await context.addCookies([{ name: 'console_locale', value: 'zh-CN', url: baseURL! }]);

    await page.goto('/t/demo/activities');
    await expect(page).toHaveTitle(/活动/);
    await expect(page.getByRole('heading', { level: 1, name: '活动' })).toBeVisible();
    const table = page.getByRole('table', { name: '活动' });
    for (const column of ['活动', '状态', '活动时间', '剩余中奖数', '告警'])
      await expect(table.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
    await expect(table.getByTestId('activity-status').first()).toHaveText(/草稿|已排期|进行中|已暂停|已结束/);
    await expect(table).toContainText('年');
    await expect(page.getByRole('form', { name: '筛选活动' })).toBeVisible();
    await expect(page.getByRole('button', { name: '从模板创建' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'list');

    await page.getByRole('button', { name: '新建活动' }).click();
    await expect(page).toHaveURL(/\/t\/demo\/activities\/[\w-]+$/, { timeout: 30_000 });
    for (const heading of ['基本信息与活动时间', '玩法与外观', '限制', '档位与概率', '指定中奖与告警', '任务', '翻译'])
      await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '模拟器' })).toBeVisible();
    await expect(page.getByRole('button', { name: '运行模拟' })).toBeVisible();
    await expect(page.getByTestId('save-status')).toHaveText('所有修改已保存');
    const name = `草稿 ${Date.now().toString(36)}`;
    await page.getByLabel('名称', { exact: true }).fill(name);
    await expect(page.getByTestId('save-status')).toHaveText('所有修改已保存', { timeout: 15_000 });
    await expectNoHorizontalOverflow(page);
    await shot(page, 'editor');

    await page.goto('/t/demo/changes');
    await expect(page).toHaveTitle(/变更/);
    await expect(page.getByRole('heading', { level: 1, name: '变更' })).toBeVisible();
    const filters = page.getByRole('navigation', { name: '按状态筛选' });
    for (const status of ['全部', '待审批', '已排期', '冲突', '已生效', '已驳回', '已撤销'])
      await expect(filters.getByRole('link', { name: status, exact: true })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'changes');

    // The draft goes again: its delete asks in Chinese.
    await page.goto('/t/demo/activities');
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toBe(`删除草稿“${name}”？此操作无法撤销。`);
      void dialog.accept();
    });
    await page.getByRole('button', { name: `删除 ${name}` }).click();
    await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
  });
});
