// The console's settings, audit and sign-in in Chinese (components/console/i18n.tsx): the sign-in
// page's switcher picks 中文 and the sign-in goes on in it; Settings and Audit, with the language
// cookie set, show Chinese headings and fit 1440 px without a horizontal scrollbar. Screenshots
// at 1440×900 into e2e/screenshots/.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectNoHorizontalOverflow, screenshots } from './support';

const shot = screenshots('console-i18n-settings');

test.describe('the console in Chinese: sign-in, Settings, Audit', () => {
  test('the sign-in page switches to 中文 and signs in in it', async ({ page }) => {
    await page.goto('/signin');
    await expect(page.getByRole('heading', { name: 'Sign in to Lottery Console' })).toBeVisible();
    await page.getByTestId('console-locale').selectOption('zh-CN');
    await expect(page.getByRole('heading', { name: '登录抽奖控制台' })).toBeVisible();
    await expect(page.getByText('需由租户所有者邀请才能访问。')).toBeVisible();
    await expect(page.getByRole('link', { name: '忘记密码？' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'signin');

    await page.getByLabel('邮箱').fill('owner@demo.test');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('signin-error')).toHaveText('邮箱或密码错误');

    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(/\/t\/demo\/activities$/, { timeout: 30_000 });
    // The choice is kept: the console goes on in Chinese.
    await expect(page.getByRole('link', { name: '设置' })).toBeVisible();
  });

  test('Settings and Audit show Chinese headings and fit the window', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'console_locale', value: 'zh-CN', url: baseURL! }]);
    await page.goto('/signin');
    await page.getByLabel('邮箱').fill('owner@demo.test');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(/\/t\/demo\/activities$/, { timeout: 30_000 });

    await page.goto('/t/demo/settings');
    await expect(page).toHaveTitle(/设置/);
    await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
    for (const heading of ['租户', '成员', '审批', '共享密钥', '宿主应用', 'Webhook', 'API 密钥'])
      await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: '成员' }).getByRole('columnheader', { name: '角色' })).toBeVisible();
    await expect(page.getByRole('button', { name: '创建 API 密钥' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'settings');

    await page.goto('/t/demo/audit');
    await expect(page.getByRole('heading', { level: 1, name: '审计' })).toBeVisible();
    await expect(page.getByRole('form', { name: '筛选审计日志' })).toBeVisible();
    await expect(page.getByRole('button', { name: '应用筛选' })).toBeVisible();
    await expect(
      page.getByRole('table', { name: '审计日志' }).getByRole('columnheader', { name: '操作者' }),
    ).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'audit');
  });
});
