// An activity's Versions tab in a real browser against the production build: two changes made
// through the management API (one applied at once, one waiting for approval under a policy) show
// as a timeline, a field-by-field difference and the list of changes. The activity is this spec's
// own, in the demo tenant, whose approval policy it puts back to 0 at the end.
// Screenshots at 1440×900 in e2e/screenshots/.
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { manage, signIn } from './support';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e/screenshots/console-versions-${name}.png`, fullPage: true, animations: 'disabled' });

const apiKey = () =>
  execFileSync('npx', ['tsx', 'scripts/apikey.ts', '--tenant', 'demo', '--name', 'e2e versions'], {
    encoding: 'utf8',
    env: process.env,
  }).trim();

let key: string;
let activityId: string;

test.beforeAll(async ({ request }) => {
  key = apiKey();
  const run = Date.now().toString(36);
  const prize = await manage(request, key, 'POST', '/prizes', {
    name: `Versions Gold ${run}`,
    kind: 'physical',
    stock: 500,
  });
  const now = Date.now();
  const activity = await manage(request, key, 'POST', '/activities', {
    name: `Versions E2E ${run}`,
    gameplay: 'wheel',
    timezone: 'UTC',
    startsAt: new Date(now - 30 * 60_000).toISOString(),
    endsAt: new Date(now + 90 * 60_000).toISOString(),
    limits: { freeDrawsPerDay: 3 },
    tiers: [
      { name: 'Gold', probability: 0.1, stock: 50, prizes: [{ prizeId: prize.id, quantity: 1 }] },
      { name: 'Silver', probability: 0.2, stock: 100, prizes: [{ prizeId: prize.id, quantity: 1 }] },
    ],
  });
  activityId = activity.id;
  await manage(request, key, 'POST', `/activities/${activityId}/publish`);
  const [gold, silver] = activity.tiers.map((t: { id: string }) => t.id);
  await manage(request, key, 'POST', `/activities/${activityId}/changes`, {
    patch: { tiers: [{ id: gold, probability: 0.15, stock: 80 }], limits: { maxDrawsPerDay: 10 } },
    reason: 'weekend boost',
  });
  await manage(request, key, 'PUT', '/settings/approvals', { required: 1 });
  await manage(request, key, 'POST', `/activities/${activityId}/changes`, {
    patch: { tiers: [{ id: silver, probability: 0.25 }] },
    reason: 'more silver, to be approved',
  });
});

test.afterAll(async ({ request }) => {
  await manage(request, key, 'PUT', '/settings/approvals', { required: 0 });
});

test('the Versions tab shows the timeline, the difference and the changes', async ({ page }) => {
  await signIn(page, 'owner@demo.test');
  await page.goto(`/t/demo/activities/${activityId}`);
  await page.getByRole('link', { name: 'Versions' }).click();
  await expect(page.getByRole('heading', { name: 'Versions', level: 1 })).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText('v2')).toBeVisible();
  await expect(timeline.getByText('published')).toBeVisible();
  const diff = page.getByRole('region', { name: 'Difference' });
  await expect(diff.getByRole('heading', { name: 'v1 → v2' })).toBeVisible();
  await expect(diff.getByRole('row', { name: /Gold · odds 10 % 15 %/ })).toBeVisible();
  await expect(diff.getByRole('row', { name: /Gold · stock 50 80 \(\+30\)/ })).toBeVisible();
  const changes = page.getByRole('region', { name: 'Changes' });
  await expect(changes.getByText('pending')).toBeVisible();
  await expect(changes.getByText('applied')).toBeVisible();
  await expect(changes.getByText('0 / 1')).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await shot(page, 'timeline');
});
