// The whole campaign in the console, as an operator works it: a draft built in the editor only (a
// tier paying more from 20:00 to 22:00 on the segment grid, paced evenly), published from the
// publish panel once its checklist is green, changed live (Edit live → before → after → apply: a
// tier's stock raised and the activity renamed), the change seen on the dashboard and in the
// Versions tab, then duplicated into a draft that carries the segments and the pacing, which is
// saved as a template of the tenant and a new draft made from it.
// Screenshots of each step at 1440×900 in test-results/.
import { expect, test, type Page } from '@playwright/test';
import { toZonedInput } from '../lib/activities/zoned-time';
import { fillTier, newDraft, setSegment, signIn } from './support';

const ZONE = 'Asia/Shanghai';

async function shot(page: Page, name: string, { dialog = false } = {}) {
  if (!dialog) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/journey-${name}.png`, fullPage: !dialog, animations: 'disabled' });
}

/** Changes to live activities apply at once: no approvals required (set in Settings if it is not). */
async function approvalsOff(page: Page) {
  await page.goto('/t/demo/settings#approvals');
  const policy = page.getByRole('form', { name: 'Approval policy' });
  const required = policy.getByLabel('Approvals required');
  if ((await required.inputValue()) === '0') return;
  await required.selectOption('0');
  await policy.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Approval policy saved' })).toBeVisible();
}

test('a segmented, paced campaign: built in the editor, published, changed live, duplicated', async ({ page }) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  const name = `Journey ${run}`;
  const renamed = `Journey ${run} encore`;
  await signIn(page, 'owner@demo.test');
  await approvalsOff(page);

  // Built in the editor: the period, two tiers, the evening segment and even pacing.
  await newDraft(page);
  const status = page.getByTestId('save-status');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Starts').fill(toZonedInput(new Date(Date.now() - 10 * 60_000).toISOString(), ZONE));
  await page.getByLabel('Ends').fill(toZonedInput(new Date(Date.now() + 3 * 24 * 3600_000).toISOString(), ZONE));
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Add tier' }).click();
  await fillTier(page, 0, { name: 'Evening prize', odds: '1', stock: '20', prize: 'Tote Bag' });
  await fillTier(page, 1, { name: 'Points', odds: '90', stock: '1000', prize: '100 Points' });
  const evening = page.getByTestId('tier').nth(0);
  await evening.getByLabel('Pacing').selectOption('even');
  await evening.locator('summary', { hasText: 'Time segments' }).click();
  await setSegment(page, 0, 0, [20, 21], '5');
  const grid = evening.getByTestId('segment-grid');
  await expect(grid.getByTestId('segment-selection')).toHaveText('Selected: Every day, 20:00–22:00');
  await expect(grid.locator('[data-cell="0-21"]')).toHaveAttribute('data-odds', '5');
  await expect(grid.locator('[data-cell="0-22"]')).toHaveAttribute('data-odds', '1');
  await expect(status).toHaveText('All changes saved');
  // The header and the breadcrumb say what was saved.
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(name);

  // The checklist is green; publish after the confirmation.
  const checklist = page.getByTestId('publish-checklist');
  await expect(checklist.locator('[data-ok="false"]')).toHaveCount(0);
  await expect(checklist.locator('[data-ok="true"]').first()).toBeVisible();
  await shot(page, '1-editor');
  await page.getByRole('button', { name: 'Publish…' }).click();
  const publish = page.getByRole('dialog', { name: `Publish ${name}?` });
  await expect(publish).toBeVisible();
  await shot(page, '2-publish-dialog', { dialog: true });
  await publish.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByTestId('activity-status').first()).toHaveText('Live', { timeout: 30_000 });
  const activityId = page.url().split('/').pop()!;
  await shot(page, '3-published');

  // Edit live: raise the evening tier's stock and rename the activity; review before → after.
  await page.goto(`/t/demo/activities/${activityId}/versions`);
  await page.getByRole('link', { name: 'Edit live' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Edit live/ })).toBeVisible();
  await page.getByLabel('Evening prize stock (units)').fill('30');
  await page.getByLabel('Activity name').fill(renamed);
  await page.getByRole('button', { name: 'Review changes' }).click();
  const review = page.getByRole('region', { name: /Review: before → after/ });
  await expect(review.getByRole('row', { name: /Evening prize · stock 20 units 30 units \(\+10\)/ })).toBeVisible();
  await expect(review.getByRole('row').filter({ hasText: renamed })).toContainText(name);
  // Nothing else moves: the segment and the pacing stay as published.
  await expect(review.getByRole('row').filter({ hasText: /segments|pacing/ })).toHaveCount(0);
  await review.getByLabel('Reason').fill('encore week');
  await shot(page, '4-edit-live-review');
  await review.getByRole('button', { name: 'Submit change' }).click();
  await expect(page.getByTestId('change-outcome')).toHaveAttribute('data-status', 'APPLIED');

  // Applied: the dashboard runs the new stock under the new name; the Versions tab has v2.
  await page.goto(`/t/demo/activities/${activityId}/dashboard`);
  await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
  const tier = page.getByTestId('tier-row').filter({ hasText: 'Evening prize' });
  await expect(tier.getByTestId('tier-stock')).toHaveText('30');
  await expect(tier).toContainText('Even');
  await expect(page.getByTestId('recent-changes').getByRole('listitem').first()).toContainText(
    'v1 → v2: Evening prize: stock 20 → 30',
  );
  await shot(page, '5-dashboard');
  await page.goto(`/t/demo/activities/${activityId}/versions`);
  await expect(page.getByRole('region', { name: 'Timeline' }).getByText('v2')).toBeVisible();
  const difference = page.getByRole('region', { name: 'Difference' });
  await expect(difference.getByRole('heading', { name: 'v1 → v2' })).toBeVisible();
  await shot(page, '6-versions');

  // Duplicated into a draft, opened in the editor: the segment, the pacing and the new stock come along.
  await page.goto('/t/demo/activities');
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: `Duplicate ${renamed}`, exact: true }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(`${renamed} (copy)`, { timeout: 30_000 });
  await expect(page.getByTestId('activity-status').first()).toHaveText('Draft');
  const copy = page.getByTestId('tier').nth(0);
  await expect(copy.getByLabel('Tier name')).toHaveValue('Evening prize');
  await expect(copy.getByLabel('Stock (wins)')).toHaveValue('30');
  await expect(copy.getByLabel('Pacing')).toHaveValue('even');
  const copied = copy.getByTestId('segment-grid');
  await expect(copied.locator('[data-cell="0-20"]')).toHaveAttribute('data-odds', '5');
  await expect(copied.locator('[data-cell="0-19"]')).toHaveAttribute('data-odds', '1');
  if (!(await copied.isVisible())) await copy.locator('summary', { hasText: 'Time segments' }).click();
  await expect(copied).toBeVisible();
  await shot(page, '7-duplicate');

  // Saved as a template of the tenant, offered beside the built-in ones: its draft has them again.
  const templateName = `Evening encore ${run}`;
  const saveTemplate = page.getByTestId('save-template');
  await saveTemplate.getByLabel('Template name').fill(templateName);
  await saveTemplate.getByRole('button', { name: 'Save as template' }).click();
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Template saved' })).toBeVisible();
  await page.goto('/t/demo/activities');
  const templates = page.getByRole('dialog', { name: 'New activity from a template' });
  await expect(async () => {
    await page.getByRole('button', { name: 'From a template' }).click();
    await expect(templates).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(templates.getByRole('radio', { name: /Festival grid with an evening peak/ })).toBeVisible();
  await templates.getByRole('radio', { name: new RegExp(templateName) }).check();
  await shot(page, '8-templates', { dialog: true });
  await templates.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/\/t\/demo\/activities\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(`${renamed} (copy)`);
  const fromTemplate = page.getByTestId('tier').nth(0);
  await expect(fromTemplate.getByLabel('Pacing')).toHaveValue('even');
  await expect(fromTemplate.getByTestId('segment-grid').locator('[data-cell="0-20"]')).toHaveAttribute(
    'data-odds',
    '5',
  );
});
