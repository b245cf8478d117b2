// The operator console shell against the seeded demo data (prisma/seed.ts): sign-in, the
// guarded layout with tenant switching, role-gated API key management, and screenshots of
// each screen at 1440×900 in e2e/screenshots/.
import { expect, test, type Page } from '@playwright/test';

const PASSWORD = 'lottery-demo-1';
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e/screenshots/console-${name}.png`, fullPage: true, animations: 'disabled' });

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

function tenantSwitcher(page: Page) {
  return page.getByRole('banner').getByRole('button', { name: /switch tenant/i });
}

test.describe('console shell', () => {
  test('an operator of two tenants signs in, switches tenant in the same section and signs out', async ({ page }) => {
    await page.goto('/signin');
    await expect(page.getByRole('heading', { name: 'Sign in to Lottery Console' })).toBeVisible();
    await shot(page, 'signin');

    await signIn(page, 'ops@both.test');
    // `/` opens the first of the operator's tenants by name: Acme Corp.
    await expect(page).toHaveURL(/\/t\/acme\/activities$/);
    const nav = page.getByRole('navigation', { name: 'Console sections' });
    for (const section of ['Activities', 'Prizes', 'Winners', 'Risk', 'Audit', 'Settings']) {
      await expect(nav.getByRole('link', { name: section })).toBeVisible();
    }
    await expect(nav.getByRole('link', { name: 'Activities' })).toHaveAttribute('aria-current', 'page');
    const operator = page.getByRole('banner').getByRole('group', { name: 'Signed-in operator' });
    await expect(operator).toContainText('Bo Operator');
    await expect(operator).toContainText('ops@both.test');
    await expect(operator).toContainText('Operator');
    await expect(page.getByRole('main').getByRole('heading', { name: 'No activities yet' })).toBeVisible();
    await shot(page, 'activities');

    await nav.getByRole('link', { name: 'Prizes' }).click();
    await expect(page).toHaveURL(/\/t\/acme\/prizes$/);
    await expect(nav.getByRole('link', { name: 'Prizes' })).toHaveAttribute('aria-current', 'page');

    // Demo first, so the switch under test goes demo → acme.
    await tenantSwitcher(page).click();
    await page.getByRole('menuitemradio', { name: /Demo Social/ }).click();
    await expect(page).toHaveURL(/\/t\/demo\/prizes$/);
    await expect(page.getByRole('banner')).toContainText('Demo Social');
    await expect(page.getByRole('table', { name: 'Prizes' })).toContainText('Smart Speaker');
    await shot(page, 'prizes');

    await tenantSwitcher(page).click();
    const menu = page.getByRole('menu', { name: 'Tenants' });
    await expect(menu.getByRole('menuitemradio', { name: /Demo Social/ })).toHaveAttribute('aria-checked', 'true');
    await shot(page, 'tenant-menu');
    await menu.getByRole('menuitemradio', { name: /Acme Corp/ }).click();
    await expect(page).toHaveURL(/\/t\/acme\/prizes$/);
    await expect(page.getByRole('banner')).toContainText('Acme Corp');
    await expect(page.getByRole('banner')).not.toContainText('Demo Social');
    await expect(page.getByRole('table', { name: 'Prizes' })).toContainText('Acme Mug');
    await expect(page.getByRole('table', { name: 'Prizes' })).not.toContainText('Smart Speaker');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin$/);
    await page.goto('/t/acme/activities');
    await expect(page).toHaveURL(/\/signin$/);
  });

  test('a wrong password keeps the operator on the sign-in page with an error', async ({ page }) => {
    await signIn(page, 'ops@both.test', 'not-the-password');
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password' })).toBeVisible();
    await expect(page).toHaveURL(/\/signin$/);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    await shot(page, 'signin-error');
  });

  test('an analyst sees the API keys but no controls to create or revoke them', async ({ page }) => {
    await signIn(page, 'analyst@demo.test');
    await expect(page).toHaveURL(/\/t\/demo\/activities$/);
    // A single tenant: no switcher, just its name.
    await expect(tenantSwitcher(page)).toHaveCount(0);
    await expect(page.getByRole('banner')).toContainText('Demo Social');

    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL(/\/t\/demo\/settings$/);
    await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
    await expect(page.getByTestId('api-keys-read-only')).toContainText('Only owners can create or revoke API keys');
    await expect(page.getByTestId('create-api-key-form')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /create api key/i })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^revoke/i })).toHaveCount(0);
    await shot(page, 'settings-analyst');
  });

  test('an owner creates an API key, sees it once, then revokes it', async ({ page }) => {
    const name = `E2E key ${Date.now()}`;
    await signIn(page, 'owner@demo.test');
    await expect(page).toHaveURL(/\/t\/demo\/activities$/);
    await page.goto('/t/demo/settings');

    await page.getByRole('textbox', { name: 'Key name' }).fill(name);
    await page.getByRole('button', { name: 'Create API key' }).click();
    const reveal = page.getByTestId('new-api-key');
    await expect(reveal).toBeVisible();
    await expect(reveal).toContainText('only time it is shown');
    const key = await page.getByTestId('new-api-key-value').inputValue();
    expect(key).toMatch(/^lk_\S{20,}$/);
    await expect(page.getByTestId('toast-success').filter({ hasText: 'API key created' })).toBeVisible();
    const row = page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: name });
    await expect(row).toContainText(key.slice(0, 10));
    await expect(row).toContainText('Active');
    await shot(page, 'settings-new-key');

    // Shown once: after a reload only the prefix is left.
    await page.reload();
    await expect(page.getByTestId('new-api-key')).toHaveCount(0);
    expect(await page.content()).not.toContain(key);
    await expect(row).toContainText('Active');

    await row.getByRole('button', { name: `Revoke API key ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke API key?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(name);
    await shot(page, 'revoke-dialog');
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await expect(page.getByTestId('toast-success').filter({ hasText: 'API key revoked' })).toBeVisible();
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText('Revoked');
    await expect(row.getByRole('button', { name: /^revoke/i })).toHaveCount(0);
    await shot(page, 'settings-owner');

    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Audit' }).click();
    const audit = page.getByRole('table', { name: 'Audit log' });
    await expect(audit.getByRole('row').filter({ hasText: 'apiKey.revoke' }).first()).toContainText('Dana Owner');
    await shot(page, 'audit');

    // Winners fill up as other specs draw in the demo's live wheel: e2e/console-admin.spec.ts covers that page.
    await page.goto('/t/demo/risk');
    await expect(page.getByRole('heading', { name: 'Risk', level: 1 })).toBeVisible();
    await shot(page, 'risk');
  });
});
