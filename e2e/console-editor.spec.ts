// The editor builds what the spec has without the API: a tier paying more from 20:00 to 22:00
// on the segment grid, paced evenly, published and seen in the public view's schedule, then
// duplicated with its segments and pacing. Autosave per field (a bad hour is marked and held
// back while the rest saves), a failed save that keeps the input and names its request, the
// question before leaving, and a draft from a template. axe on each; screenshots at 1440×900.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { toZonedInput } from '../lib/activities/zoned-time';
import { periodDays } from '../components/console/activities/editor/segment-grid-model';
import { fillTier, newDraft, setSegment, signIn, withDb } from './support';

const ZONE = 'Asia/Shanghai';

async function shot(page: Page, name: string, { dialog = false } = {}) {
  if (!dialog) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: `e2e/screenshots/console-editor-${name}.png`,
    fullPage: !dialog,
    animations: 'disabled',
  });
}

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3)}`)).toEqual([]);
}

test.describe('console editor', () => {
  test('a segmented, paced activity built in the editor only: published, its schedule public, duplicated', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const name = `E2E Evening Wheel ${Date.now().toString(36)}`;
    await signIn(page, 'owner@demo.test');
    await newDraft(page);
    const status = page.getByTestId('save-status');
    await page.getByLabel('Name', { exact: true }).fill(name);
    const starts = toZonedInput(new Date(Date.now() - 10 * 60_000).toISOString(), ZONE);
    const ends = toZonedInput(new Date(Date.now() + 3 * 24 * 3600_000).toISOString(), ZONE);
    await page.getByLabel('Starts').fill(starts);
    await page.getByLabel('Ends').fill(ends);

    for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Add tier' }).click();
    await fillTier(page, 0, { name: 'Evening prize', odds: '1', stock: '20', prize: 'Tote Bag' });
    await fillTier(page, 1, { name: 'Points', odds: '90', stock: '1000', prize: '100 Points' });
    const first = page.getByTestId('tier').nth(0);
    await first.getByLabel('Pacing').selectOption('even');
    await expect(first.getByTestId('pacing-hint')).toContainText('stock × elapsed ÷ period');

    // The evening on the grid: every day, 20:00 to 22:00, at 5 %.
    await first.locator('summary', { hasText: 'Time segments' }).click();
    const grid = first.getByTestId('segment-grid');
    // A header, every day, then each local date the period touches (4, or 5 when it starts the day before).
    await expect(grid.getByRole('row')).toHaveCount(1 + 1 + periodDays(starts, ends).length);
    await setSegment(page, 0, 0, [20, 21], '5');
    await expect(grid.getByTestId('segment-selection')).toHaveText('Selected: Every day, 20:00–22:00');
    await expect(grid.locator('[data-cell="0-20"]')).toHaveAttribute('data-odds', '5');
    await expect(grid.locator('[data-cell="2-21"]')).toHaveAttribute('data-odds', '5');
    await expect(grid.locator('[data-cell="0-22"]')).toHaveAttribute('data-odds', '1');
    await expect(status).toHaveText('All changes saved');

    // 15 % in the evening with the 90 % tier passes 100 %: the hours are marked, the server's
    // message is beside the grid, the odds are held back and the rest (a rename) still saves.
    await setSegment(page, 0, 0, [20, 21], '15');
    await first.getByLabel('Tier name').fill('Evening star');
    await expect(status).toHaveText('Not saved: 1 field with errors');
    await expect(grid.locator('[data-cell="0-20"]')).toHaveAccessibleName(/over 100 %/);
    await expect(grid.getByTestId('field-error')).toContainText('odds add up to 1.05 at 20:00');
    await expectAccessible(page);
    await grid.scrollIntoViewIfNeeded();
    await shot(page, 'grid-over-limit');
    const saved = await withDb(
      async (c) =>
        (
          await c.query<{ name: string; segments: unknown }>(
            `SELECT t.name, t.segments FROM "Tier" t JOIN "Activity" a ON a.id = t."activityId"
           WHERE a.name = $1 ORDER BY t.position`,
            [name],
          )
        ).rows,
    );
    expect(saved[0]!.name).toBe('Evening star');
    await setSegment(page, 0, 0, [20, 21], '5');
    await expect(status).toHaveText('All changes saved');

    // The other sections: auto-tune bounds, fixed winners, the drift alarm, a share confirmed by the host app.
    await first.getByLabel('Auto-tune the odds towards an even release of the stock').check();
    await first.getByLabel('Lowest odds (%)').fill('2');
    await first.getByLabel('Highest odds (%)').fill('0.5');
    await expect(first.getByTestId('field-error').first()).toHaveText('The lowest odds must not be above the highest.');
    await first.getByLabel('Lowest odds (%)').fill('0.5');
    await first.getByLabel('Highest odds (%)').fill('2');
    await page.getByLabel('Pause when the odds drift').check();
    await page.getByRole('button', { name: 'Add task' }).click();
    await page.getByLabel('Kind').selectOption('share');
    await page.getByLabel('Confirmed by the host app').check();
    await expect(status).toHaveText('All changes saved');
    await expectAccessible(page);
    await shot(page, 'editor');

    await page.reload();
    await expect(page.getByTestId('tier').nth(0).getByLabel('Lowest odds (%)')).toHaveValue('0.5');
    await expect(page.getByLabel('Pause when the odds drift')).toBeChecked();
    await expect(page.getByLabel('Confirmed by the host app')).toBeChecked();

    // Publish.
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog', { name: `Publish ${name}?` });
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(page.getByTestId('activity-status').first()).toHaveText('Live', { timeout: 30_000 });
    const activityId = page.url().split('/').pop()!;

    // The public view discloses the evening segment and the pacing.
    const secret = await withDb(
      async (c) =>
        (await c.query<{ s: string }>(`SELECT "userTokenSecret" s FROM "Tenant" WHERE slug = 'demo'`)).rows[0]!.s,
    );
    const token = await new SignJWT({ tid: 'demo' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('e2e-editor-viewer')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    const view = await page.request.get(`/api/v1/activities/${activityId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(view.status()).toBe(200);
    const body = (await view.json()) as { tiers: { name: string; pacing: string; schedule: unknown[] }[] };
    expect(body.tiers[0]).toMatchObject({
      name: 'Evening star',
      pacing: 'even',
      schedule: [{ fromHour: 20, toHour: 22, probability: 0.05 }],
    });

    // Duplicated: the copy is a draft carrying the segment and the pacing.
    await page.goto('/t/demo/activities');
    await page.getByRole('button', { name: `Duplicate ${name}`, exact: true }).click();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(`${name} (copy)`, { timeout: 30_000 });
    const copy = page.getByTestId('tier').nth(0);
    await expect(copy.getByLabel('Pacing')).toHaveValue('even');
    await expect(copy.getByTestId('segment-grid').locator('[data-cell="0-20"]')).toHaveAttribute('data-odds', '5');
    await expect(copy.getByTestId('segment-grid').locator('[data-cell="0-19"]')).toHaveAttribute('data-odds', '1');
    await shot(page, 'duplicated');
  });

  test('a save that fails keeps the input, names its request and asks before leaving', async ({ page }) => {
    await signIn(page, 'owner@demo.test');
    await newDraft(page);
    const status = page.getByTestId('save-status');
    // Server actions are POSTs to the page itself: make them fail as a dropped network would.
    await page.route(/\/t\/demo\/activities\/[0-9a-f-]{36}$/, (route) =>
      route.request().method() === 'POST' && route.request().headers()['next-action']
        ? route.abort('internetdisconnected')
        : route.fallback(),
    );
    await page.getByLabel('Name', { exact: true }).fill('Kept through the failure');
    await page.getByLabel('Rules').fill('Written while offline.');
    await expect(status).toContainText(/Could not reach the server \(request [0-9a-f-]{36}\)/);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Kept through the failure');
    await expect(page.getByLabel('Rules')).toHaveValue('Written while offline.');
    await expectAccessible(page);
    await shot(page, 'save-failed');

    // Leaving now asks; staying keeps everything.
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.getByRole('link', { name: 'Activities' }).first().click();
    await expect.poll(() => asked).toContain('not saved');
    await expect(page).toHaveURL(/\/t\/demo\/activities\/[0-9a-f-]{36}$/);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Kept through the failure');

    // Back online, "Try again" saves what was kept.
    await page.unroute(/\/t\/demo\/activities\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(status).toHaveText('All changes saved');
    await page.reload();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Kept through the failure');
  });

  test('a new activity from a template is a draft with the template’s segments and pacing', async ({ page }) => {
    await signIn(page, 'owner@demo.test');
    await page.goto('/t/demo/activities');
    await expect(async () => {
      await page.getByRole('button', { name: 'From a template' }).click();
      await expect(page.getByRole('dialog', { name: 'New activity from a template' })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    const dialog = page.getByRole('dialog', { name: 'New activity from a template' });
    await dialog.getByRole('radio', { name: /Festival grid with an evening peak/ }).check();
    await expectAccessible(page);
    await shot(page, 'templates', { dialog: true });
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await expect(page).toHaveURL(/\/t\/demo\/activities\/[0-9a-f-]{36}$/);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Festival grid');
    const tier = page.getByTestId('tier').nth(0);
    await expect(tier.getByLabel('Pacing')).toHaveValue('even');
    await expect(tier.getByTestId('segment-grid').locator('[data-cell="0-21"]')).toHaveAttribute('data-odds', '5');
    await expect(page.getByTestId('check-tiers')).toHaveAttribute('data-ok', 'false');
    await expectAccessible(page);
  });
});
