// The whole operator flow in one run, against the production build at 1440×900: sign in →
// create prizes → build an activity with three tiers including a bundle → simulate → publish →
// draws arrive through the API → the dashboard shows them without a reload → change a tier's
// odds → pause → winners → mark one shipped → the CSV has it → the audit log shows each step.
// The other console specs go deeper into each page; this one proves they make one journey.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { toZonedInput } from '../lib/activities/zoned-time';
import { cli, fillThreeTiers, screenshots, signIn, withDb } from './support';

const ZONE = 'Asia/Shanghai';
const shot = screenshots('console-flow');
async function newPrize(page: Page, name: string, kind: string, value: string, stock: string) {
  await page.getByRole('button', { name: 'New prize' }).click();
  const dialog = page.getByRole('dialog', { name: 'New prize' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Kind').selectOption(kind);
  await dialog.getByLabel('Unit value').fill(value);
  await dialog.getByLabel('Starting stock').fill(stock);
  await dialog.getByRole('button', { name: 'Add prize' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Prizes' })).toContainText(name);
}

test('an operator goes from nothing to a live campaign, watches it, corrects it, ships a prize and reads the audit trail', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  const name = `E2E Flow Wheel ${run}`;
  const prizes = { phone: `Flow Phone ${run}`, tote: `Flow Tote ${run}`, coupon: `Flow Coupon ${run}` };

  // Sign in; create the prizes in the console.
  await signIn(page, 'owner@demo.test');
  await page.goto('/t/demo/prizes');
  await newPrize(page, prizes.phone, 'physical', '999', '10');
  await newPrize(page, prizes.tote, 'physical', '15', '500');
  await newPrize(page, prizes.coupon, 'coupon', '2', '0');
  // A coupon prize's stock is its codes: uploaded as a text file, one a line.
  await page
    .getByRole('row', { name: new RegExp(prizes.coupon) })
    .getByRole('button', { name: 'Upload codes' })
    .click();
  const upload = page.getByRole('dialog', { name: `Upload codes for ${prizes.coupon}` });
  await upload.getByLabel('File').setInputFiles({
    name: 'codes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(Array.from({ length: 5_000 }, (_, i) => `FLOW-${run}-${i}`).join('\n')),
  });
  await upload.getByRole('button', { name: 'Add codes' }).click();
  await expect(upload).toBeHidden();
  await shot(page, 'prizes');

  // Build the activity: three tiers, the second a bundle of a tote and two coupons.
  await page.goto('/t/demo/activities');
  await page.getByRole('button', { name: 'New activity' }).click();
  await expect(page).toHaveURL(/\/t\/demo\/activities\/[0-9a-f-]{36}$/);
  const activityId = page.url().split('/').at(-1)!;
  const status = page.getByTestId('save-status');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Starts').fill(toZonedInput(new Date(Date.now() - 10 * 60_000).toISOString(), ZONE));
  await page.getByLabel('Ends').fill(toZonedInput(new Date(Date.now() + 7 * 24 * 3600_000).toISOString(), ZONE));
  await page.getByLabel('Free draws a day').fill('3');
  const tiers = await fillThreeTiers(page, prizes, '20');
  await expect(status).toHaveText('All changes saved', { timeout: 30_000 });
  await expect(tiers.nth(1)).toContainText('Bundle');

  // Simulate, then publish.
  const simulator = page.getByTestId('simulator');
  await simulator.getByLabel('Draws over the period').fill('10000');
  await simulator.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByTestId('simulation-result')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'simulated');
  await page.getByRole('button', { name: 'Publish…' }).click();
  await page
    .getByRole('dialog', { name: `Publish ${name}?` })
    .getByRole('button', { name: 'Publish', exact: true })
    .click();
  await expect(page.getByTestId('activity-status').first()).toHaveText('Live', { timeout: 30_000 });

  // The live dashboard; draws made through the API appear without a reload.
  await page.getByRole('link', { name: 'Live dashboard', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/t/demo/activities/${activityId}/dashboard$`));
  await expect(page.getByTestId('kpi-draws')).toHaveText('0');
  await page.evaluate(() => ((window as unknown as { flowMark: string }).flowMark = 'same document'));
  const users = Array.from({ length: 12 }, (_, i) => `flow-${run}-${i}`);
  const tokens = cli('token', ['--tenant', 'demo', ...users.flatMap((u) => ['--user', u])]);
  const draw = async (token: string) => {
    const res = await page.request.post(`/api/v1/activities/${activityId}/draws`, {
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    });
    expect(res.status(), await res.text()).toBe(200);
  };
  for (const token of tokens.slice(0, 8)) await draw(token);
  await expect(page.getByTestId('kpi-draws')).toHaveText('8', { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { flowMark?: string }).flowMark)).toBe('same document');
  await shot(page, 'dashboard-live');

  // Correct it while live: the bundle's odds up to 90 %, through the before → after preview.
  const bundle = page.getByTestId('tier-row').filter({ hasText: 'Bundle prize' });
  await bundle.getByRole('button', { name: 'Adjust Bundle prize' }).click();
  await page.getByRole('dialog', { name: 'Adjust Bundle prize' }).getByLabel('Odds (%)').fill('70');
  await page
    .getByRole('dialog', { name: 'Adjust Bundle prize' })
    .getByRole('button', { name: 'Review change' })
    .click();
  const review = page.getByRole('dialog', { name: 'Review the change to Bundle prize' });
  await expect(
    review.getByRole('table', { name: 'Change to Bundle prize' }).getByRole('row', { name: /Odds/ }),
  ).toContainText('70%');
  await review.getByRole('button', { name: 'Confirm change' }).click();
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Tier updated' })).toBeVisible();
  await expect(bundle.getByTestId('tier-odds')).toHaveText('70%');

  // More draws at the new odds (three each for the last four users): bundles are won.
  for (const token of tokens.slice(8)) for (let i = 0; i < 3; i++) await draw(token);
  await expect(page.getByTestId('kpi-draws')).toHaveText('20', { timeout: 30_000 });

  // Pause, confirmed.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Pause the activity?' })
    .getByRole('button', { name: 'Pause activity' })
    .click();
  await expect(page.getByTestId('activity-status')).toHaveText('Paused');
  await shot(page, 'dashboard-paused');

  // A tote winner gives an address (as the H5 page would); the operator ships it.
  const [tote] = await withDb(
    async (db) =>
      (
        await db.query<{ id: string; userId: string }>(
          `SELECT w.id, w."userId" FROM "Win" w JOIN "Prize" p ON p.id = w."prizeId" WHERE w."activityId" = $1 AND p.name = $2 ORDER BY w."createdAt" LIMIT 1`,
          [activityId, prizes.tote],
        )
      ).rows,
  );
  expect(tote, 'a bundle was won at 70 % odds').toBeTruthy();
  const claim = await page.request.post(`/api/v1/wins/${tote!.id}/claim`, {
    headers: { authorization: `Bearer ${tokens[users.indexOf(tote!.userId)]}` },
    data: { name: 'Han Meimei', phone: '+86 139 0000 0000', address: '8 Lantern Street, Hangzhou' },
  });
  expect(claim.status(), await claim.text()).toBe(200);
  const tracking = `YT${run.toUpperCase()}`;
  await page.goto(`/t/demo/winners?activity=${activityId}`);
  const row = page.getByRole('table', { name: 'Winners' }).locator(`tr[data-win-id="${tote!.id}"]`);
  await expect(row).toContainText('Claimed');
  await row.getByRole('button', { name: /^Mark shipped:/ }).click();
  const ship = page.getByRole('dialog', { name: 'Mark as shipped' });
  await ship.getByLabel('Carrier').fill('YTO Express');
  await ship.getByLabel('Tracking number').fill(tracking);
  await ship.getByRole('button', { name: 'Mark shipped' }).click();
  await expect(row).toContainText('Shipped');
  await shot(page, 'winners');

  // The CSV download holds it.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const csv = (await readFile(await (await downloading).path(), 'utf8')).replace(/^\uFEFF/, '');
  expect(csv.split('\r\n').find((l) => l.startsWith(`${tote!.id},`))).toMatch(
    new RegExp(`,SHIPPED,Han Meimei,.*,YTO Express,${tracking}$`),
  );

  // The audit log shows each step, by this operator.
  const steps = await withDb(async (db) =>
    (
      await db.query<{ action: string }>(
        `SELECT a.action FROM "AuditLog" a JOIN "Operator" o ON o.id::text = a."actorId"
     WHERE o.email = 'owner@demo.test' AND a."createdAt" > now() - interval '10 minutes'
       AND (a."objectId" = $1::text OR a."objectId" IN (SELECT id::text FROM "Tier" WHERE "activityId" = $1::uuid) OR a."objectId" = $2::text
            OR a."objectId" IN (SELECT id::text FROM "Prize" WHERE name = ANY($3::text[])))`,
        [activityId, tote!.id, Object.values(prizes)],
      )
    ).rows.map((r) => r.action),
  );
  for (const step of [
    'prize.create',
    'activity.create',
    'activity.publish',
    'tier.update',
    'activity.pause',
    'win.ship',
  ])
    expect(steps).toContain(step);
  await page.goto(`/t/demo/audit?object=Activity&id=${activityId}`);
  const audit = page.getByRole('table', { name: 'Audit log' });
  await expect(audit).toContainText('activity.publish');
  await expect(audit).toContainText('activity.pause');
  await shot(page, 'audit');
});
