// From nothing to a live campaign in the console, against the production build: prizes
// (through a key made on the Settings page), a draft built in the editor with three tiers
// (one a bundle), autosaved and validated on the server, simulated, published, paused and
// resumed, LIVE in the list. axe-core on every page; screenshots in e2e/screenshots/.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type FileChooser, type Page } from '@playwright/test';
import { toZonedInput } from '../lib/activities/zoned-time';
import { fillThreeTiers, signIn } from './support';

const ZONE = 'Asia/Shanghai';
// A 1×1 PNG: enough for the upload's type check and the preview.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

// From the top: the shell's fixed and sticky parts would otherwise land mid-page in a full-page shot.
// An open modal dialog is shot as the viewport shows it, without scrolling under it.
async function shot(page: Page, name: string, { dialog = false } = {}) {
  if (!dialog) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: `e2e/screenshots/console-activities-${name}.png`,
    fullPage: !dialog,
    animations: 'disabled',
  });
}

/** No serious or critical accessibility violation on the page as it is now. */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  ).toEqual([]);
}

test.describe('console activities', () => {
  test('an owner builds an activity with three tiers (one a bundle), simulates it, publishes it and sees it live', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const run = Date.now().toString(36);
    const name = `E2E Lantern Wheel ${run}`;
    await signIn(page, 'owner@demo.test');
    await expect(page.getByRole('table', { name: 'Activities' })).toContainText('Spring Festival Wheel');
    await expectAccessible(page);
    await shot(page, 'list');

    // Prizes: the management API with a key made on the Settings page (console-flow.spec.ts uses the New prize form).
    await page.goto('/t/demo/settings');
    await page.getByRole('textbox', { name: 'Key name' }).fill(`E2E activities ${run}`);
    await page.getByRole('button', { name: 'Create API key' }).click();
    const key = await page.getByTestId('new-api-key-value').inputValue();
    const prizes = { phone: `E2E Phone ${run}`, tote: `E2E Tote ${run}`, coupon: `E2E Coupon ${run}` };
    for (const [prizeName, kind, value, stock] of [
      [prizes.phone, 'physical', 999, 20],
      [prizes.tote, 'physical', 15, 500],
      [prizes.coupon, 'coupon', 2, 0],
    ] as const) {
      const res = await page.request.post('/api/manage/prizes', {
        headers: { authorization: `Bearer ${key}` },
        data: { name: prizeName, kind, value, stock },
      });
      expect(res.status()).toBe(201);
      // A coupon prize's stock is its codes.
      if (kind === 'coupon') {
        const { id } = (await res.json()) as { id: string };
        const codes = Array.from({ length: 5_000 }, (_, i) => `E2E-${run}-${i}`);
        const added = await page.request.post(`/api/manage/prizes/${id}/codes`, {
          headers: { authorization: `Bearer ${key}` },
          data: { codes },
        });
        expect(added.status()).toBe(200);
      }
    }
    await page.goto('/t/demo/prizes');
    await expect(page.getByRole('table', { name: 'Prizes' })).toContainText(prizes.tote);

    // A new draft opens in the editor.
    await page.goto('/t/demo/activities');
    await page.getByRole('button', { name: 'New activity' }).click();
    await expect(page).toHaveURL(/\/t\/demo\/activities\/[0-9a-f-]{36}$/);
    const activityUrl = page.url();
    const status = page.getByTestId('save-status');
    await expect(status).toHaveText('All changes saved');
    await expect(page.getByTestId('check-tiers')).toHaveAttribute('data-ok', 'false');
    await expectAccessible(page);
    await shot(page, 'new-draft');

    // Basics and period: live from a few minutes ago, for a week.
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Starts').fill(toZonedInput(new Date(Date.now() - 10 * 60_000).toISOString(), ZONE));
    await page.getByLabel('Ends').fill(toZonedInput(new Date(Date.now() + 7 * 24 * 3600_000).toISOString(), ZONE));
    // Gameplay and look.
    await page.getByRole('radio', { name: '9-grid' }).check();
    await page.getByRole('radio', { name: 'Wheel' }).check();
    await page.getByLabel('Title on the page').fill('Lantern Festival Lucky Wheel');
    await page.getByLabel('Theme colour', { exact: true }).fill('#b91c1c');
    await page.getByLabel('Banner image').setInputFiles({ name: 'banner.png', mimeType: 'image/png', buffer: PNG });
    await expect(page.getByTestId('banner-url')).toHaveText(/^\/uploads\/[0-9a-f-]{36}\.png$/);
    await page.getByLabel('Rules').fill('Three free draws a day.\nPrizes ship within 14 days.');
    // The preview is the real play page from the saved draft: it reloads after the save.
    await expect(page.frameLocator('[data-testid="play-preview"]').getByRole('heading', { level: 1 })).toHaveText(
      'Lantern Festival Lucky Wheel',
    );
    await expect(page.getByTestId('play-link-qr').locator('svg')).toBeVisible();
    await expect(page.getByTestId('phone-preview-link')).toHaveAttribute('href', /\/preview\?token=/);
    await page.getByLabel('Free draws a day').fill('3');

    // Three tiers; the second a bundle of a tote and two coupons.
    // Odds over 100 % on the third: the server refuses the save and says why, beside the field.
    const tiers = await fillThreeTiers(page, prizes, '150');
    await expect(tiers.nth(2).getByTestId('field-error')).toHaveText('At most 100 %.');
    await expect(status).toHaveText(/Not saved: \d fields? with errors/);
    await expect(page.getByTestId('odds-bar')).toContainText('more than 100 %');
    await shot(page, 'inline-errors');
    await tiers.nth(2).getByLabel('Odds (%)').fill('20');
    await expect(page.getByTestId('odds-sum')).toHaveText('25.5 %');
    await expect(page.getByTestId('odds-no-win')).toHaveText('74.5 %');
    await page.getByRole('button', { name: 'Add task' }).click();
    // Per-language texts: a Chinese title and first tier name.
    await page.getByTestId('translation-zh-CN').locator('summary').click();
    await page.getByLabel('Title (zh-CN)').fill('元宵节幸运转盘');
    await page.getByLabel('Tier 1 name (zh-CN)').fill('头奖');
    await expect(status).toHaveText('All changes saved');
    await expect(tiers.nth(1)).toContainText('Bundle');
    for (const check of ['period', 'tiers', 'stock'])
      await expect(page.getByTestId(`check-${check}`)).toHaveAttribute('data-ok', 'true');
    await expectAccessible(page);
    await shot(page, 'editor');

    // Autosaved for real: a reload shows what was typed.
    await page.reload();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
    await expect(page.getByTestId('tier')).toHaveCount(3);
    await page.getByTestId('translation-zh-CN').locator('summary').click();
    await expect(page.getByLabel('Title (zh-CN)')).toHaveValue('元宵节幸运转盘');
    await expect(page.getByLabel('Tier 1 name (zh-CN)')).toHaveValue('头奖');
    // A bundle's prizes come back in stored order (by id), so compare them as a set.
    const quantities = page
      .getByTestId('tier')
      .nth(1)
      .getByRole('textbox', { name: /^Quantity of prize \d of tier 2$/ });
    expect((await quantities.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).sort()).toEqual([
      '1',
      '2',
    ]);
    await expect(page.getByTestId('tier').nth(2).getByLabel('Odds (%)')).toHaveValue('20');

    // Simulate 20,000 draws with an evening peak: the grand prize (5 wins at 0.5 %) runs out.
    const simulator = page.getByTestId('simulator');
    await simulator.getByLabel('Draws over the period').fill('20000');
    await simulator.getByLabel('Traffic shape').selectOption('evening');
    await simulator.getByRole('button', { name: 'Run simulation' }).click();
    const result = page.getByTestId('simulation-result');
    await expect(result).toBeVisible({ timeout: 30_000 });
    const simTable = result.getByRole('table', { name: 'Simulated tiers' });
    await expect(simTable.getByRole('row')).toHaveCount(4);
    const grand = simTable.getByRole('row').filter({ hasText: 'Grand prize' });
    await expect(grand.getByRole('cell').nth(4)).toHaveText('5');
    await expect(grand.getByTestId('sim-depletion')).toContainText('h in');
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Simulation finished' })).toBeVisible();
    await result.scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await shot(page, 'simulated');

    // Publish, after the confirmation.
    await page.getByRole('button', { name: 'Publish…' }).click();
    const publishDialog = page.getByRole('dialog', { name: `Publish ${name}?` });
    await expect(publishDialog).toBeVisible();
    await shot(page, 'publish-dialog', { dialog: true });
    await publishDialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(publishDialog).toBeHidden({ timeout: 30_000 });
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Activity published' })).toContainText(
      'is now live',
    );
    await expect(page.getByTestId('activity-status').first()).toHaveText('Live');
    await expect(page.getByRole('link', { name: 'Live dashboard', exact: true })).toHaveAttribute(
      'href',
      /\/dashboard$/,
    );
    await expect(page.getByRole('table', { name: 'Tiers', exact: true })).toContainText('Bundle prize');
    await expectAccessible(page);
    await shot(page, 'published');

    // Pause and resume, each confirmed.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const pauseDialog = page.getByRole('dialog', { name: `Pause ${name}?` });
    await expect(pauseDialog).toBeVisible();
    await shot(page, 'pause-dialog', { dialog: true });
    await pauseDialog.getByRole('button', { name: 'Pause activity' }).click();
    await expect(page.getByTestId('activity-status').first()).toHaveText('Paused');
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await page
      .getByRole('dialog', { name: `Resume ${name}?` })
      .getByRole('button', { name: 'Resume activity' })
      .click();
    await expect(page.getByTestId('activity-status').first()).toHaveText('Live');

    // Export the spec as JSON (the management API's format).
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export JSON' }).click();
    const spec = JSON.parse(await readFile(await (await downloading).path(), 'utf8'));
    expect(spec).toMatchObject({
      name,
      gameplay: 'wheel',
      timezone: ZONE,
      limits: { freeDrawsPerDay: 3 },
      materials: { title: 'Lantern Festival Lucky Wheel', themeColor: '#b91c1c' },
    });
    expect(
      spec.tiers.map((t: { name: string; probability: number; prizes: unknown[] }) => [
        t.name,
        t.probability,
        t.prizes.length,
      ]),
    ).toEqual([
      ['Grand prize', 0.005, 1],
      ['Bundle prize', 0.05, 2],
      ['Coupon', 0.2, 1],
    ]);

    // LIVE in the list, found by name and by status.
    await page.goto('/t/demo/activities');
    await page.getByLabel('Search by name').fill(run);
    await page.getByLabel('Status').selectOption('LIVE');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]status=LIVE/);
    const rows = page.getByRole('table', { name: 'Activities' }).getByRole('row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(name);
    await expect(rows.nth(1).getByTestId('activity-status')).toHaveText('Live');
    await expect(rows.nth(1).getByTestId('draws-per-minute')).toHaveText('0');
    await expect(rows.nth(1)).toContainText('1,055');
    await expectAccessible(page);
    await shot(page, 'list-live');

    // Imported as a new draft from the exported file, seen at 1280 px wide.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/t/demo/activities');
    // As a user does it: the button opens the file chooser. Clicked again until it does (before the
    // page is hydrated a click does nothing, and nothing is created either way).
    let chooser: FileChooser | undefined;
    await expect(async () => {
      const opened = page.waitForEvent('filechooser', { timeout: 2_000 });
      await page.getByRole('button', { name: 'Import JSON' }).click();
      chooser = await opened;
    }).toPass({ timeout: 30_000 });
    await chooser!.setFiles({
      name: 'spec.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...spec, name: `${name} copy` })),
    });
    await expect(page).toHaveURL(/\/t\/demo\/activities\/[0-9a-f-]{36}$/);
    expect(page.url()).not.toBe(activityUrl);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(`${name} copy`);
    await expect(page.getByTestId('tier')).toHaveCount(3);
    await expectAccessible(page);
    await shot(page, 'editor-1280');
  });

  test('an analyst reads activities but gets no control to change them', async ({ page }) => {
    await signIn(page, 'analyst@demo.test');
    await expect(page.getByRole('button', { name: 'New activity' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Spring Festival Wheel' }).first().click();
    await expect(page.getByText('You have read-only access (Analyst).')).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Pause|End|Publish)/ })).toHaveCount(0);
    await expect(page.getByRole('table', { name: 'Tiers', exact: true })).toContainText('Second prize');
    await expectAccessible(page);
    await shot(page, 'analyst');
  });
});
