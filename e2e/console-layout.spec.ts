// The console's wide pages fit a laptop screen: at 1440×900 and 1280×800 Settings, the activity
// editor, the live dashboard and winners scroll only vertically, and Settings' tables (members,
// API keys) show every column without scrolling inside their card. Screenshots in test-results/.
import { expect, test, type Page } from '@playwright/test';
import { signIn, withDb } from './support';

const sizes = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
];

/** How far the page itself scrolls sideways (0 when everything fits). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement!;
    return root.scrollWidth - root.clientWidth;
  });

/** The tables that do not fit their card (they scroll inside it), by label. */
const clippedTables = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('table'))
      .filter((t) => t.parentElement!.scrollWidth > t.parentElement!.clientWidth)
      .map((t) => t.getAttribute('aria-label')),
  );

async function demoActivity(status: 'LIVE' | 'DRAFT'): Promise<string | undefined> {
  return withDb(async (c) => {
    const { rows } = await c.query<{ id: string }>(
      `SELECT a.id FROM "Activity" a JOIN "Tenant" t ON t.id = a."tenantId"
       WHERE t.slug = 'demo' AND a.status = $1 ORDER BY a."createdAt" LIMIT 1`,
      [status],
    );
    return rows[0]?.id;
  });
}

test('Settings, the editor, the dashboard and winners have no sideways scroll at 1440 and 1280 wide', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'owner@demo.test');
  const live = await demoActivity('LIVE');
  expect(live, 'the seed has a live activity in the demo tenant').toBeTruthy();
  let draft = await demoActivity('DRAFT');
  if (!draft) {
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'New activity' }).click();
    await expect(page).toHaveURL(/\/t\/demo\/activities\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    draft = page.url().split('/').pop()!;
  }
  // A key whose name and access make the widest row the API keys table has.
  await page.goto('/t/demo/settings');
  const keyName = `Year-end campaign automation for every region ${Date.now().toString(36)}`;
  await page.getByRole('textbox', { name: 'Key name' }).fill(keyName);
  await page.getByLabel('Access').selectOption({ label: 'Operations (as an operator)' });
  await page.getByRole('button', { name: 'Create API key' }).click();
  await expect(page.getByTestId('new-api-key')).toBeVisible();

  const pages = {
    settings: '/t/demo/settings',
    editor: `/t/demo/activities/${draft}`,
    dashboard: `/t/demo/activities/${live}/dashboard`,
    winners: '/t/demo/winners',
  };
  for (const size of sizes) {
    await page.setViewportSize(size);
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `test-results/layout-${name}-${size.width}.png`, fullPage: true });
      expect(await sidewaysOverflow(page), `${name} at ${size.width}×${size.height}`).toBeLessThanOrEqual(0);
      if (name === 'settings') expect(await clippedTables(page), `at ${size.width}×${size.height}`).toEqual([]);
    }
  }
});
