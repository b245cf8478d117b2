// Stock and alerts in the operator console against the seeded demo data (prisma/seed.ts):
// restock a prize, read its ledger (filtered, exported as CSV), see an alert in the header
// and as a critical banner, acknowledge it. Screenshots at 1440×900 in e2e/screenshots/.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { signIn, withDb } from './support';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e/screenshots/console-stock-${name}.png`, fullPage: true, animations: 'disabled' });

const count = (text: string) => Number(text.replace(/[^\d-]/g, ''));

test.describe('console stock', () => {
  test('an operator adds a prize from the console: checked in the form, then listed with its pool', async ({
    page,
  }) => {
    const name = `E2E Lamp ${Date.now().toString(36)}`;
    await signIn(page, 'ops@both.test');
    await page.goto('/t/demo/prizes');
    await page.getByRole('button', { name: 'New prize' }).click();
    const dialog = page.getByRole('dialog', { name: 'New prize' });
    await dialog.getByRole('button', { name: 'Add prize' }).click();
    await expect(dialog.getByText('Give the prize a name.')).toBeVisible();
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Kind').selectOption('physical');
    await dialog.getByLabel('Unit value').fill('19.90');
    await dialog.getByLabel('Starting stock').fill('120');
    await page.screenshot({ path: 'e2e/screenshots/console-stock-new-prize.png', animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Add prize' }).click();
    await expect(dialog).toBeHidden();
    const row = page
      .getByRole('table', { name: 'Prizes' })
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(row).toContainText('120');
    const stored = await withDb(
      async (db) => (await db.query('SELECT "availableStock", "valueMinor" FROM "Prize" WHERE name = $1', [name])).rows,
    );
    expect(stored).toEqual([{ availableStock: 120, valueMinor: 1990 }]);
  });

  test('an operator restocks a prize, reads its ledger, filters it and downloads it as CSV', async ({ page }) => {
    const reason = `E2E delivery ${Date.now()}`;
    await signIn(page, 'ops@both.test');
    await page.goto('/t/demo/prizes');
    const table = page.getByRole('table', { name: 'Prizes' });
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Tote Bag', exact: true }) });
    const availableCell = row.getByRole('cell').nth(4);
    const before = count(await availableCell.innerText());
    await shot(page, 'prizes');

    await row.getByRole('button', { name: 'Restock Tote Bag' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restock Tote Bag' });
    await expect(dialog).toBeVisible();
    // Inline errors before anything is sent.
    await dialog.getByRole('button', { name: 'Update stock' }).click();
    await expect(dialog.getByLabel('Quantity')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog).toContainText('Enter a whole number of units');
    await expect(dialog).toContainText('Say why the stock changes');
    await shot(page, 'restock-errors');

    await dialog.getByLabel('Quantity').fill('+25');
    await dialog.getByLabel('Reason').fill(reason);
    await expect(dialog).toContainText(`Available after: ${(before + 25).toLocaleString('en-US')}`);
    await shot(page, 'restock-dialog');
    await dialog.getByRole('button', { name: 'Update stock' }).click();
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Stock updated' })).toContainText(
      'Tote Bag: +25 units',
    );
    await expect(dialog).toBeHidden();
    await expect(availableCell).toHaveText((before + 25).toLocaleString('en-US'));
    await shot(page, 'restocked');

    await row.getByRole('link', { name: 'Tote Bag' }).click();
    await expect(page).toHaveURL(/\/t\/demo\/prizes\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Tote Bag' })).toBeVisible();
    await expect(page.getByTestId('stock-available')).toHaveText((before + 25).toLocaleString('en-US'));
    const ledger = page.getByRole('table', { name: 'Stock movements' });
    const newest = ledger.getByRole('row').nth(1);
    await expect(newest).toContainText('Restock');
    await expect(newest).toContainText('+25');
    await expect(newest).toContainText(reason);
    await expect(newest).toContainText('Bo Operator');
    await shot(page, 'ledger');

    await page.getByLabel('Kind').selectOption('RESTOCK');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]kind=RESTOCK/);
    await expect(ledger.getByRole('row').filter({ hasText: 'Reserve' })).toHaveCount(0);
    await expect(ledger.getByRole('row').nth(1)).toContainText(reason);
    await expect(page.getByLabel('Kind')).toHaveValue('RESTOCK');
    await shot(page, 'ledger-filtered');

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^stock-ledger-[0-9a-f-]{36}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toContain('createdAt,kind,freePoolChange');
    expect(lines[1]).toMatch(new RegExp(`,RESTOCK,25,0,0,0,,,OPERATOR,[0-9a-f-]{36},Bo Operator,${reason}$`));
    expect(lines.slice(1).every((l) => l.split(',')[1] === 'RESTOCK')).toBe(true);

    // By activity: the seed's live activity reserved Tote Bags when it was published.
    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Activity').selectOption({ label: 'Spring Festival Wheel' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]activity=[0-9a-f-]{36}/);
    const reserve = ledger.getByRole('row').filter({ hasText: 'Reserve' });
    await expect(reserve.first()).toContainText('Spring Festival Wheel');
    await expect(ledger.getByRole('row').filter({ hasText: reason })).toHaveCount(0);
    await page.getByRole('link', { name: 'Clear' }).click();
    await expect(page).toHaveURL(/\/prizes\/[0-9a-f-]{36}$/);
    await expect(ledger.getByRole('row').nth(1)).toContainText(reason);
  });

  test('an analyst sees stock and the ledger but no restock button', async ({ page }) => {
    await signIn(page, 'analyst@demo.test');
    await page.goto('/t/demo/prizes');
    await expect(page.getByRole('table', { name: 'Prizes' })).toContainText('Tote Bag');
    await expect(page.getByRole('button', { name: /^restock/i })).toHaveCount(0);
    await shot(page, 'prizes-analyst');
    await page.getByRole('link', { name: 'Tote Bag', exact: true }).click();
    await expect(page.getByRole('table', { name: 'Stock movements' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^restock/i })).toHaveCount(0);

    // Another tenant's prize through this tenant's console is simply not found, page and CSV alike.
    const acmePrizeId = await withDb(
      async (db) =>
        (
          await db.query<{ id: string }>(
            `SELECT p."id" FROM "Prize" p JOIN "Tenant" t ON t."id" = p."tenantId" WHERE t."slug" = 'acme' LIMIT 1`,
          )
        ).rows[0]!.id,
    );
    // (The page streams behind the section's loading.tsx, so its HTTP status is already 200 when
    // notFound() runs; what the operator sees is the not-found screen.)
    await page.goto(`/t/demo/prizes/${acmePrizeId}`);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    expect((await page.request.get(`/t/demo/prizes/${acmePrizeId}/ledger.csv`)).status()).toBe(404);
  });

  test('an alert shows in the header and as a critical banner until an operator acknowledges it', async ({ page }) => {
    const message = `E2E over-issue ${Date.now()}: 3 units won but only 2 held by the pool`;
    const alertId = await withDb(async (db) => {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO "Alert" ("id", "tenantId", "activityId", "kind", "severity", "message", "details")
         SELECT gen_random_uuid(), t."id", (SELECT a."id" FROM "Activity" a WHERE a."tenantId" = t."id" ORDER BY a."createdAt" LIMIT 1),
                'stock.over-issue', 'CRITICAL', $1, '{"won":3,"reserved":2}'::jsonb
         FROM "Tenant" t WHERE t."slug" = 'demo' RETURNING "id"`,
        [message],
      );
      return rows[0]!.id;
    });
    try {
      const open = await withDb(async (db) =>
        Number(
          (
            await db.query(
              `SELECT count(*) FROM "Alert" a JOIN "Tenant" t ON t."id" = a."tenantId" WHERE t."slug" = 'demo' AND a."acknowledgedAt" IS NULL`,
            )
          ).rows[0].count,
        ),
      );

      await signIn(page, 'ops@both.test');
      await page.goto('/t/demo/prizes');
      const bell = page.getByRole('banner').getByTestId('alerts-bell');
      await expect(bell).toHaveAccessibleName(`Alerts, ${open} open`);
      await expect(page.getByTestId('alerts-count')).toHaveText(open > 99 ? '99+' : String(open));
      const banner = page.getByTestId('critical-alerts').getByRole('alert').filter({ hasText: message });
      await expect(banner).toBeVisible();
      await expect(banner).toContainText('Spring Festival Wheel');
      await shot(page, 'critical-banner');

      await bell.click();
      const panel = page.getByRole('dialog', { name: 'Alerts' });
      await expect(panel).toBeVisible();
      const item = panel.getByTestId('alert-item').filter({ hasText: message });
      await expect(item).toContainText('Critical');
      await expect(item).toContainText('Spring Festival Wheel');
      await shot(page, 'alerts-panel');

      await item.getByRole('button', { name: 'Acknowledge' }).click();
      await expect(page.getByTestId('toast-success').filter({ hasText: 'Alert acknowledged' })).toBeVisible();
      await expect(panel.getByTestId('alert-item').filter({ hasText: message })).toHaveCount(0);
      await expect(page.getByTestId('critical-alerts').getByRole('alert').filter({ hasText: message })).toHaveCount(0);
      await expect(bell).toHaveAccessibleName(open - 1 === 0 ? 'Alerts, none open' : `Alerts, ${open - 1} open`);
      await shot(page, 'acknowledged');

      const stored = await withDb(
        async (db) =>
          (
            await db.query(
              `SELECT a."acknowledgedAt", o."name" FROM "Alert" a LEFT JOIN "Operator" o ON o."id"::text = a."acknowledgedBy" WHERE a."id" = $1`,
              [alertId],
            )
          ).rows[0],
      );
      expect(stored.acknowledgedAt).not.toBeNull();
      expect(stored.name).toBe('Bo Operator');
      await page.goto('/t/demo/audit');
      await expect(
        page
          .getByRole('table', { name: 'Audit log' })
          .getByRole('row')
          .filter({ hasText: 'alert.acknowledge' })
          .first(),
      ).toContainText('Bo Operator');
    } finally {
      await withDb((db) => db.query(`DELETE FROM "Alert" WHERE "id" = $1`, [alertId]));
    }
  });
});
