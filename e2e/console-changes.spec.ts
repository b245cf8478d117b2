// Changes to live activities in a real browser against the production build: the approval policy
// set in Settings, an odds change made in Edit live that its proposer cannot approve and another
// operator approves in the Changes inbox (the dashboard and the Versions tab then show it), a
// version restored from the Versions tab, and a title changed live reaching the play page. The
// activities are this spec's own, in the demo tenant, whose policy it puts back to 0 at the end.
// Screenshots at 1440×900 in e2e/screenshots/.
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { manage, screenshots, signIn } from './support';

const shot = screenshots('console-changes');

const apiKey = () =>
  execFileSync('npx', ['tsx', 'scripts/apikey.ts', '--tenant', 'demo', '--name', 'e2e changes'], {
    encoding: 'utf8',
    env: process.env,
  }).trim();

async function liveActivity(request: APIRequestContext, key: string, name: string) {
  const run = Date.now().toString(36);
  const prize = await manage(request, key, 'POST', '/prizes', {
    name: `${name} prize ${run}`,
    kind: 'physical',
    stock: 500,
  });
  const now = Date.now();
  const activity = await manage(request, key, 'POST', '/activities', {
    name: `${name} ${run}`,
    gameplay: 'wheel',
    timezone: 'UTC',
    startsAt: new Date(now - 30 * 60_000).toISOString(),
    endsAt: new Date(now + 90 * 60_000).toISOString(),
    limits: { freeDrawsPerDay: 3 },
    materials: { title: `${name} title` },
    tiers: [
      { name: 'Gold', probability: 0.1, stock: 50, prizes: [{ prizeId: prize.id, quantity: 1 }] },
      { name: 'Silver', probability: 0.2, stock: 100, prizes: [{ prizeId: prize.id, quantity: 1 }] },
    ],
  });
  await manage(request, key, 'POST', `/activities/${activity.id}/publish`);
  return activity as { id: string; name: string; tiers: { id: string; name: string }[] };
}

async function axeClean(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: /sign out/i }).click();
  await expect(page).toHaveURL(/\/signin/);
}

test.describe.configure({ timeout: 180_000 });

let key: string;

test.beforeAll(async ({ request }) => {
  key = apiKey();
  await manage(request, key, 'PUT', '/settings/approvals', { required: 0 });
});

test.afterAll(async ({ request }) => {
  await manage(request, key, 'PUT', '/settings/approvals', { required: 0 });
});

test('four eyes: policy in Settings, an odds change in Edit live, approved by another operator', async ({
  page,
  request,
}) => {
  const activity = await liveActivity(request, key, 'Four eyes');

  // The owner sets one approval for every scope.
  await signIn(page, 'owner@demo.test');
  await page.goto('/t/demo/settings#approvals');
  const policy = page.getByRole('form', { name: 'Approval policy' });
  await policy.getByLabel('Approvals required').selectOption('1');
  await policy.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Approval policy saved' })).toBeVisible();
  await axeClean(page);
  await shot(page, 'settings-policy');

  // The owner (operator A) raises Gold's odds in Edit live.
  await page.goto(`/t/demo/activities/${activity.id}/versions`);
  await page.getByRole('link', { name: 'Edit live' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Edit live/ })).toBeVisible();
  await page.getByLabel('Gold odds (%)').fill('15');
  await page.getByRole('button', { name: 'Review changes' }).click();
  const review = page.getByRole('region', { name: /Review: before → after/ });
  await expect(review.getByRole('row', { name: /Gold · odds 10 % 15 %/ })).toBeVisible();
  await review.getByRole('button', { name: 'Run both' }).click();
  await expect(review.getByRole('table', { name: 'Simulation, in force and proposed' })).toBeVisible();
  await review.getByLabel('Reason').fill('weekend boost');
  await axeClean(page);
  await shot(page, 'edit-live-review');
  await review.getByRole('button', { name: 'Submit change' }).click();
  await expect(page.getByTestId('change-outcome')).toHaveAttribute('data-status', 'PENDING');
  await expect(page.getByTestId('change-outcome')).toContainText('1 more approval needed');

  // In the inbox, A sees that someone else must approve.
  await page.goto('/t/demo/changes?status=PENDING');
  const card = page.getByRole('article', { name: activity.name });
  await expect(card.getByTestId('proposer-note')).toHaveText(/another operator must approve it/);
  await expect(card.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(card.getByTestId('approvals')).toHaveText('0 of 1');
  await expect(page.getByRole('link', { name: /Changes\s*\d+\s*pending/ })).toBeVisible();
  await axeClean(page);
  await shot(page, 'inbox-proposer');
  await signOut(page);

  // Operator B approves, beside the simulator on both versions.
  await signIn(page, 'ops@both.test');
  await page.goto('/t/demo/changes');
  const theirCard = page.getByRole('article', { name: activity.name }).first();
  await expect(theirCard.getByRole('row', { name: /Gold · odds 10 % 15 %/ })).toBeVisible();
  await theirCard.getByRole('button', { name: 'Run both' }).click();
  await expect(theirCard.getByRole('table', { name: 'Simulation, in force and proposed' })).toBeVisible();
  await axeClean(page);
  await shot(page, 'inbox-approver');
  await theirCard.getByRole('button', { name: 'Approve' }).click();
  await expect(theirCard.getByTestId('change-outcome')).toHaveAttribute('data-status', 'APPLIED');

  // The dashboard runs the new odds; the Versions tab has version 2.
  await page.goto(`/t/demo/activities/${activity.id}/dashboard`);
  const gold = page.getByTestId('tier-row').filter({ hasText: 'Gold' });
  await expect(gold.getByTestId('tier-odds')).toHaveText('15%');
  await page.goto(`/t/demo/activities/${activity.id}/versions`);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText('v2')).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Difference' }).getByRole('heading', { name: 'v1 → v2' }),
  ).toBeVisible();
});

test('restore version 1 from the Versions tab after a change', async ({ page, request }) => {
  await manage(request, key, 'PUT', '/settings/approvals', { required: 0 });
  const activity = await liveActivity(request, key, 'Restore');
  const [gold] = activity.tiers.map((t) => t.id);
  await manage(request, key, 'POST', `/activities/${activity.id}/changes`, {
    patch: { tiers: [{ id: gold, probability: 0.3, stock: 80 }], limits: { maxDrawsPerDay: 10 } },
    reason: 'boost',
  });

  await signIn(page, 'owner@demo.test');
  await page.goto(`/t/demo/activities/${activity.id}/versions`);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('button', { name: 'Restore v1…' }).click();
  await timeline.getByLabel('Reason for restoring v1').fill('back to the launch odds');
  await timeline.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByTestId('change-outcome')).toHaveAttribute('data-status', 'APPLIED');
  await expect(page.getByTestId('change-outcome')).toContainText('version 3');
  await expect(timeline.getByText('v3')).toBeVisible();

  // Any two versions: v1 and v3 are one configuration.
  const picker = page.getByRole('form', { name: 'Compare two versions' });
  await picker.getByLabel('Version A').selectOption('1');
  await picker.getByLabel('Version B').selectOption('3');
  await picker.getByRole('button', { name: 'Compare' }).click();
  const diff = page.getByRole('region', { name: 'Difference' });
  await expect(diff.getByRole('heading', { name: 'v1 → v3' })).toBeVisible();
  await expect(diff.getByText('The same configuration')).toBeVisible();
  await axeClean(page);
  await shot(page, 'versions-restored');
});

test('a title changed live shows on the play page', async ({ page, request }) => {
  await manage(request, key, 'PUT', '/settings/approvals', { required: 0 });
  const activity = await liveActivity(request, key, 'Materials');
  await signIn(page, 'owner@demo.test');
  await page.goto(`/t/demo/changes/new?activity=${activity.id}`);
  await page.getByLabel('Title on the play page').fill('Brand new title');
  await page.getByRole('button', { name: 'Review changes' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'VALIDATION_FAILED' });
  const review = page.getByRole('region', { name: /Review: before → after/ });
  await expect(refused.or(review)).toBeVisible();
  if (await refused.isVisible()) {
    // A server that does not take materials in a change yet: the refusal keeps the input and
    // names the request.
    await expect(page.getByLabel('Title on the play page')).toHaveValue('Brand new title');
    await expect(refused.getByTestId('request-id')).toHaveText(/^[0-9a-f-]{36}$/);
    test.skip(true, 'the change API does not take materials on this server');
  }
  await expect(review.getByRole('row', { name: /title/ })).toContainText('Brand new title');
  await review.getByRole('button', { name: 'Submit change' }).click();
  await expect(page.getByTestId('change-outcome')).toHaveAttribute('data-status', 'APPLIED');
  await page.goto(`/play/${activity.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Brand new title' })).toBeVisible();
});
