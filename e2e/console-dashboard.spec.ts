// The live dashboard of an activity, in a real browser against the production build: draws made
// through the public API appear without a reload (the stats worker aggregates, the page polls),
// a tier's odds change through its diff preview, and the activity is paused through its own.
// The activity is this spec's own, created through the management API in the demo tenant.
// Screenshots at 1440×900 in e2e/screenshots/.
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { cli, manage, signIn, withDb } from './support';

const USERS = 8;
const DRAWS_PER_USER = 3;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e/screenshots/console-dashboard-${name}.png`, fullPage: true, animations: 'disabled' });

let key: string;
let activityId: string;
let tokens: string[];

test.beforeAll(async ({ request }) => {
  [key] = cli('apikey', ['--tenant', 'demo', '--name', 'e2e dashboard']) as [string];
  const run = Date.now().toString(36);
  const gold = await manage(request, key, 'POST', '/prizes', { name: `Dash Gold ${run}`, kind: 'physical', stock: 20 });
  const points = await manage(request, key, 'POST', '/prizes', {
    name: `Dash Points ${run}`,
    kind: 'points',
    stock: 5_000,
  });
  const now = Date.now();
  const activity = await manage(request, key, 'POST', '/activities', {
    name: `Dashboard E2E ${run}`,
    gameplay: 'wheel',
    timezone: 'UTC',
    startsAt: new Date(now - 30 * 60_000).toISOString(),
    endsAt: new Date(now + 90 * 60_000).toISOString(),
    limits: { freeDrawsPerDay: DRAWS_PER_USER },
    tiers: [
      { name: 'Gold', probability: 0.1, stock: 20, prizes: [{ prizeId: gold.id, quantity: 1 }], pacing: 'even' },
      { name: 'Points', probability: 0.4, stock: 2_000, prizes: [{ prizeId: points.id, quantity: 1 }] },
    ],
  });
  activityId = activity.id;
  await manage(request, key, 'POST', `/activities/${activityId}/publish`);
  tokens = cli('token', [
    '--tenant',
    'demo',
    ...Array.from({ length: USERS }, (_, i) => ['--user', `dash-${run}-${i}`]).flat(),
  ]);
  expect(tokens).toHaveLength(USERS);
});

test.afterAll(async ({ request }) => {
  if (activityId)
    await request.fetch(`/api/manage/activities/${activityId}/end`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
    });
});

test.describe('console live dashboard', () => {
  test("draws appear without a reload; a tier's odds change through the diff preview; pause", async ({
    page,
    request,
  }) => {
    await signIn(page, 'ops@both.test');
    await page.goto(`/t/demo/activities/${activityId}/dashboard`);
    await expect(page.getByRole('heading', { level: 1, name: /^Dashboard E2E/ })).toBeVisible();
    await expect(page.getByTestId('activity-status')).toHaveText('Live');
    await expect(page.getByTestId('kpi-draws')).toHaveText('0');
    await shot(page, 'empty');
    // Set a mark on this very document: after the draws it must still be there (no reload).
    await page.evaluate(() => ((window as unknown as { dashboardMark: string }).dashboardMark = 'same document'));

    for (let round = 0; round < DRAWS_PER_USER; round++) {
      await Promise.all(
        tokens.map(async (token) => {
          const res = await request.post(`/api/v1/activities/${activityId}/draws`, {
            headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
          });
          expect(res.status(), await res.text()).toBe(200);
        }),
      );
    }
    const total = USERS * DRAWS_PER_USER;
    await expect(page.getByTestId('kpi-draws')).toHaveText(String(total), { timeout: 30_000 });
    await expect(page.getByTestId('kpi-unique-users')).toHaveText(String(USERS), { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { dashboardMark?: string }).dashboardMark)).toBe(
      'same document',
    );
    const truth = await withDb(
      async (db) =>
        (
          await db.query(
            `SELECT count(*)::int AS draws, count(*) FILTER (WHERE outcome = 'WIN')::int AS wins, count(DISTINCT "userId")::int AS users FROM "Draw" WHERE "activityId" = $1`,
            [activityId],
          )
        ).rows[0] as { draws: number; wins: number; users: number },
    );
    expect(truth).toMatchObject({ draws: total, users: USERS });
    await expect(page.getByTestId('kpi-wins')).toHaveText(String(truth.wins));
    await expect(
      page
        .getByRole('figure', { name: /Draws per minute/ })
        .locator('.recharts-bar-rectangle')
        .first(),
    ).toBeVisible();
    await shot(page, 'live');

    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // Tier odds: edit, review the diff, confirm.
    const gold = page.getByTestId('tier-row').filter({ hasText: 'Gold' });
    await gold.getByRole('button', { name: 'Adjust Gold' }).click();
    const dialog = page.getByRole('dialog', { name: 'Adjust Gold' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Odds (%)').fill('15');
    await dialog.getByRole('button', { name: 'Review change' }).click();
    const review = page.getByRole('dialog', { name: 'Review the change to Gold' });
    const diff = review.getByRole('table', { name: 'Change to Gold' });
    await expect(diff.getByRole('row', { name: /Odds/ })).toContainText('10%');
    await expect(diff.getByRole('row', { name: /Odds/ })).toContainText('15%');
    await expect(diff.getByRole('row', { name: /No win/ })).toContainText('50%');
    await expect(diff.getByRole('row', { name: /No win/ })).toContainText('45%');
    await expect(diff.getByRole('row', { name: /Tier stock/ })).not.toHaveAttribute('data-changed');
    await shot(page, 'tier-diff');
    await review.getByRole('button', { name: 'Confirm change' }).click();
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Tier updated' })).toContainText('odds 10% → 15%');
    await expect(review).toBeHidden();
    await expect(gold.getByTestId('tier-odds')).toHaveText('15%');
    const audit = await withDb(
      async (db) =>
        (
          await db.query(
            `SELECT a.before, a.after, o.name FROM "AuditLog" a JOIN "Tier" t ON t.id::text = a."objectId" LEFT JOIN "Operator" o ON o.id::text = a."actorId"
       WHERE t."activityId" = $1 AND a.action = 'tier.update'`,
            [activityId],
          )
        ).rows,
    );
    expect(audit).toEqual([
      { before: { probability: 0.1, stock: 20 }, after: { probability: 0.15, stock: 20 }, name: 'Bo Operator' },
    ]);

    // Pause: preview, confirm; the API refuses draws now.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const pause = page.getByRole('dialog', { name: 'Pause the activity?' });
    await expect(pause.getByRole('row', { name: /Status/ })).toContainText('Live');
    await expect(pause.getByRole('row', { name: /Status/ })).toContainText('Paused');
    await shot(page, 'pause-diff');
    await pause.getByRole('button', { name: 'Pause activity' }).click();
    await expect(page.getByTestId('activity-status')).toHaveText('Paused');
    await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
    const refused = await request.post(`/api/v1/activities/${activityId}/draws`, {
      headers: { authorization: `Bearer ${tokens[0]}`, 'idempotency-key': randomUUID() },
    });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error.code).toBe('ACTIVITY_NOT_LIVE');
    await shot(page, 'paused');
  });

  test("an analyst reads the dashboard without controls; another tenant's activity is not found", async ({ page }) => {
    await signIn(page, 'analyst@demo.test');
    await page.goto(`/t/demo/activities/${activityId}/dashboard`);
    await expect(page.getByTestId('kpi-draws')).toHaveText(String(USERS * DRAWS_PER_USER));
    await expect(page.getByRole('button', { name: /^Adjust/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Pause|Resume|End)$/ })).toHaveCount(0);
    await shot(page, 'analyst');
    const acmeActivity = await withDb(
      async (db) =>
        (
          await db.query<{ id: string }>(
            `SELECT gen_random_uuid()::text AS id UNION ALL SELECT a.id::text FROM "Activity" a JOIN "Tenant" t ON t.id = a."tenantId" WHERE t.slug = 'acme' LIMIT 1`,
          )
        ).rows.at(-1)!.id,
    );
    expect((await page.request.get(`/t/demo/activities/${acmeActivity}/dashboard/data`)).status()).toBe(404);
    expect((await page.request.get(`/t/demo/activities/${activityId}/dashboard/data`)).status()).toBe(200);
    await page.goto(`/t/demo/activities/${acmeActivity}/dashboard`);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  });
});
