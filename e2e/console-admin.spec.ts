// The console's Winners, Audit and Settings pages against the production build and the seeded
// demo (prisma/seed.ts): real wins from the draw API in "Spring Festival Wheel", one shipped and
// one voided in the console, the CSV, the audit trail with its diffs, an invitation accepted in
// a fresh browser, a secret rotated. axe-core on every page; screenshots at 1440×900 and 1280.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { signIn, withDb } from './support';

const run = Date.now().toString(36);
const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: `e2e/screenshots/console-admin-${name}.png`, fullPage: true, animations: 'disabled' });
};
const shot1280 = async (page: Page, name: string) => {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, `${name}-1280`);
  await page.setViewportSize(size);
};

/** No serious or critical accessibility issue on the page as it is now. */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

type PhysicalWin = { winId: string; userId: string; token: string };
let batches = 0;

/** Draws in the demo's live wheel as fresh users until `count` physical prizes are won (Tote Bag or Smart Speaker). */
async function winPhysicalPrizes(page: Page, count: number): Promise<PhysicalWin[]> {
  const { activityId, secret } = await withDb(
    async (db) =>
      (
        await db.query<{ activityId: string; secret: string }>(
          `SELECT a."id" AS "activityId", t."userTokenSecret" AS "secret" FROM "Activity" a JOIN "Tenant" t ON t."id" = a."tenantId"
     WHERE t."slug" = 'demo' AND a."name" = 'Spring Festival Wheel'`,
        )
      ).rows[0]!,
  );
  const key = new TextEncoder().encode(secret);
  const found: PhysicalWin[] = [];
  // Fresh users on every call: a user from an earlier call has already won, and its wins moved on.
  const batch = ++batches;
  for (let u = 0; u < 400 && found.length < count; u++) {
    const userId = `e2e-admin-${run}-${batch}-${u}`;
    const token = await new SignJWT({ tid: 'demo' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    const headers = { authorization: `Bearer ${token}` };
    // Three free draws a day per user in the seed's wheel.
    for (let d = 0; d < 3; d++) {
      const res = await page.request.post(`/api/v1/activities/${activityId}/draws`, {
        headers: { ...headers, 'idempotency-key': `${userId}-${d}` },
      });
      if (res.status() !== 200) break;
    }
    const { wins } = (await (await page.request.get('/api/v1/me/wins', { headers })).json()) as {
      wins: { id: string; prize: { kind: string } }[];
    };
    const physical = wins.find((w) => w.prize.kind === 'physical');
    if (physical) found.push({ winId: physical.id, userId, token });
  }
  expect(found).toHaveLength(count);
  return found;
}

async function newSignedOutPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  return { context, page: await context.newPage() };
}

test.describe('console winners, audit and settings', () => {
  test('an owner ships one real win, voids another, exports the CSV and reads each step in the audit log', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const [toShip, toVoid] = await winPhysicalPrizes(page, 2);
    // The first winner gives an address, as the H5 page would.
    const claimed = await page.request.post(`/api/v1/wins/${toShip!.winId}/claim`, {
      headers: { authorization: `Bearer ${toShip!.token}` },
      data: { name: 'Li Lei', phone: '+86 138 0000 0000', address: '1 Century Avenue, Pudong, Shanghai' },
    });
    expect(claimed.status()).toBe(200);
    const tracking = `SF${run.toUpperCase()}01`;

    await signIn(page, 'owner@demo.test');
    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Winners' }).click();
    await expect(page).toHaveURL(/\/t\/demo\/winners$/);
    const table = page.getByRole('table', { name: 'Winners' });
    await expect(table.locator(`tr[data-win-id="${toShip!.winId}"]`)).toBeVisible();
    await expectAccessible(page);
    await shot(page, 'winners');
    await shot1280(page, 'winners');

    // Search by user id: only that winner's rows.
    await page.getByLabel('User id').fill(toShip!.userId);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]user=${toShip!.userId}`));
    const shipRow = table.locator(`tr[data-win-id="${toShip!.winId}"]`);
    await expect(shipRow).toContainText('Claimed');
    await expect(shipRow).toContainText('Li Lei');
    for (const r of await table.locator('tbody tr').all()) await expect(r).toContainText(toShip!.userId);

    await shipRow.getByRole('button', { name: /^Mark shipped:/ }).click();
    const shipDialog = page.getByRole('dialog', { name: 'Mark as shipped' });
    await expect(shipDialog).toBeVisible();
    // Errors inline before anything is sent; the keyboard alone fills and sends the form.
    await shipDialog.getByRole('button', { name: 'Mark shipped' }).click();
    await expect(shipDialog.getByLabel('Carrier')).toHaveAttribute('aria-invalid', 'true');
    await expect(shipDialog.getByLabel('Carrier')).toBeFocused();
    await page.keyboard.type('SF Express');
    await page.keyboard.press('Tab');
    await expect(shipDialog.getByLabel('Tracking number')).toBeFocused();
    await page.keyboard.type(tracking);
    await shot(page, 'ship-dialog');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Win shipped' })).toBeVisible();
    await expect(shipDialog).toBeHidden();
    await expect(shipRow).toContainText('Shipped');
    await expect(shipRow).toContainText('SF Express');
    await expect(shipRow).toContainText(tracking);
    await shot(page, 'winners-shipped');

    // CSV of the filtered view: the shipped win with its carrier and tracking number.
    await page.getByLabel('User id').fill('');
    await page.getByLabel('Activity').selectOption({ label: 'Spring Festival Wheel' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]activity=[0-9a-f-]{36}/);
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^winners-[0-9a-f-]{36}\.csv$/);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'winId,wonAt,userId,tier,prize,kind,quantity,status,claimName,claimPhone,claimAddress,carrier,trackingNumber',
    );
    const shippedLine = lines.find((l) => l.startsWith(`${toShip!.winId},`));
    expect(shippedLine).toContain(`,${toShip!.userId},`);
    expect(shippedLine).toContain(',SHIPPED,Li Lei,');
    expect(shippedLine).toMatch(new RegExp(`,SF Express,${tracking}$`));

    // Void the other winner's prize with a reason.
    await page.getByLabel('User id').fill(toVoid!.userId);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const voidRow = table.locator(`tr[data-win-id="${toVoid!.winId}"]`);
    await expect(voidRow).toContainText('Awaiting claim');
    await voidRow.getByRole('button', { name: /^Void:/ }).click();
    const voidDialog = page.getByRole('dialog', { name: 'Void this win?' });
    await voidDialog.getByLabel('Reason').fill('Duplicate account found in review');
    await shot(page, 'void-dialog');
    await voidDialog.getByRole('button', { name: 'Void' }).click();
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Win voided' })).toBeVisible();
    await expect(voidRow).toContainText('Void');
    await expect(voidRow.getByRole('button', { name: /^Void:/ })).toHaveCount(0);

    // The audit log: each step, who did it, and a readable before/after.
    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Audit' }).click();
    const audit = page.getByRole('table', { name: 'Audit log' });
    const shipEntry = audit.getByRole('row').filter({ hasText: 'win.ship' }).filter({ hasText: toShip!.winId }).first();
    await expect(shipEntry).toContainText('Dana Owner');
    const shipDiff = shipEntry.getByRole('table', { name: 'Changes' });
    await expect(shipDiff.getByRole('row').filter({ hasText: 'status' })).toContainText(/CLAIMED\s*SHIPPED/);
    await expect(shipDiff.getByRole('row').filter({ hasText: 'trackingNumber' })).toContainText(tracking);
    await expect(shipDiff.getByRole('row').filter({ hasText: 'carrier' })).toContainText(/empty\s*SF Express/);
    const voidEntry = audit.getByRole('row').filter({ hasText: 'win.void' }).filter({ hasText: toVoid!.winId }).first();
    await expect(voidEntry).toContainText('Dana Owner');
    await expect(
      voidEntry.getByRole('table', { name: 'Changes' }).getByRole('row').filter({ hasText: 'status' }),
    ).toContainText(/AWAITING_CLAIM\s*VOID/);
    await expect(voidEntry).toContainText('Duplicate account found in review');
    await expectAccessible(page);
    await shot(page, 'audit');
    await shot1280(page, 'audit');

    // Filter by object: the shipped win's own history, through the link on its id.
    await shipEntry.getByRole('link', { name: /Win/ }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]id=${toShip!.winId}`));
    await expect(page.getByLabel('Object', { exact: true })).toHaveValue('Win');
    await expect(audit.locator(':scope > tbody > tr')).toHaveCount(1);
    // And by actor: Dana Owner's entries only.
    await page.getByRole('link', { name: 'Clear' }).click();
    // The form is rebuilt for the new query: wait for it before choosing the actor.
    await expect(page).toHaveURL(/\/t\/demo\/audit$/);
    await expect(page.getByLabel('Object id')).toHaveValue('');
    await page.getByLabel('Actor').selectOption({ label: 'Dana Owner (Operator)' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]actor=OPERATOR%3A[0-9a-f-]{36}/);
    for (const r of await audit.locator(':scope > tbody > tr').all()) await expect(r).toContainText('Dana Owner');
    await shot(page, 'audit-filtered');
  });

  test('an owner invites a member who sets a password in a fresh browser and signs in with that role; a secret is rotated once', async ({
    page,
    browser,
  }) => {
    // Two browsers, axe runs and a dozen page loads: more than the default minute on a busy machine.
    test.setTimeout(150_000);
    const email = `invitee-${run}@demo.test`;
    const newPassword = `e2e-password-${run}`;
    await signIn(page, 'owner@demo.test');
    await page.goto('/t/demo/settings');
    await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
    await expectAccessible(page);
    await shot(page, 'settings');
    await shot1280(page, 'settings');

    const invite = page.getByTestId('invite-member-form');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await expect(invite).toContainText('Enter the email address');
    await invite.getByLabel('Email to invite').fill(email);
    await invite.getByLabel('Role for the new member').selectOption('OPERATOR');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Invitation created' })).toBeVisible();
    const link = await page.getByTestId('invitation-link-value').inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
    await expect(page.getByRole('table', { name: 'Pending invitations' })).toContainText(email);
    await shot(page, 'settings-invited');
    // Shown once: gone after a reload.
    await page.reload();
    await expect(page.getByTestId('invitation-link')).toHaveCount(0);
    expect(await page.content()).not.toContain(link.split('/').pop()!);

    // The invitee, signed out, in a fresh browser context.
    const fresh = await newSignedOutPage(browser);
    try {
      const path = new URL(link).pathname;
      await fresh.page.goto(path);
      await expect(fresh.page.getByRole('heading', { name: 'Join Demo Social' })).toBeVisible();
      await expect(fresh.page.getByLabel('Email')).toHaveValue(email);
      await expectAccessible(fresh.page);
      await fresh.page.screenshot({
        path: 'e2e/screenshots/console-admin-invite.png',
        fullPage: true,
        animations: 'disabled',
      });
      await fresh.page.getByLabel('Your name').fill('Ivy Invitee');
      await fresh.page.getByLabel('Choose a password').fill(newPassword);
      await fresh.page.getByLabel('Repeat the password').fill(`${newPassword}x`);
      await fresh.page.getByRole('button', { name: 'Set password and join' }).click();
      await expect(fresh.page.getByText('The two passwords differ.')).toBeVisible();
      await fresh.page.getByLabel('Repeat the password').fill(newPassword);
      await fresh.page.getByRole('button', { name: 'Set password and join' }).click();
      await expect(fresh.page).toHaveURL(/\/t\/demo\/activities$/);
      const operator = fresh.page.getByRole('banner').getByRole('group', { name: 'Signed-in operator' });
      await expect(operator).toContainText('Ivy Invitee');
      await expect(operator.getByTestId('role-badge')).toHaveText('Operator');

      // Once only.
      await fresh.page.getByRole('button', { name: 'Sign out' }).click();
      await expect(fresh.page).toHaveURL(/\/signin$/);
      await fresh.page.goto(path);
      await expect(fresh.page.getByRole('heading', { name: 'This invitation cannot be used' })).toBeVisible();
      await fresh.page.screenshot({
        path: 'e2e/screenshots/console-admin-invite-used.png',
        fullPage: true,
        animations: 'disabled',
      });
      // And the password works for a normal sign-in, with the Operator role.
      await signIn(fresh.page, email, newPassword);
      await fresh.page.goto('/t/demo/settings');
      await expect(fresh.page.getByTestId('members-read-only')).toBeVisible();
      await expect(fresh.page.getByRole('button', { name: /^Rotate/ })).toHaveCount(0);
    } finally {
      await fresh.context.close();
    }

    await page.reload();
    const members = page.getByRole('table', { name: 'Members' });
    await expect(members.getByRole('row').filter({ hasText: email })).toContainText('Ivy Invitee');

    // Rotate the webhook secret: confirm, shown once, fingerprint changes.
    const fingerprint = page.getByTestId('secret-webhook-fingerprint');
    const before = await fingerprint.innerText();
    const storedBefore = await withDb(
      async (db) =>
        (await db.query(`SELECT "webhookSecret" FROM "Tenant" WHERE "slug" = 'demo'`)).rows[0].webhookSecret as string,
    );
    await page.getByRole('button', { name: 'Rotate webhook secret' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the webhook secret?' });
    await expect(dialog).toBeVisible();
    await shot(page, 'rotate-dialog');
    await dialog.getByRole('button', { name: 'Rotate secret' }).click();
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Secret rotated' })).toBeVisible();
    const secret = await page.getByTestId('new-secret-value').inputValue();
    const storedAfter = await withDb(
      async (db) =>
        (await db.query(`SELECT "webhookSecret" FROM "Tenant" WHERE "slug" = 'demo'`)).rows[0].webhookSecret as string,
    );
    expect(secret).toBe(storedAfter);
    expect(storedAfter).not.toBe(storedBefore);
    await expect(fingerprint).not.toHaveText(before);
    await shot(page, 'settings-rotated');
    await page.reload();
    await expect(page.getByTestId('new-secret')).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    await page.goto('/t/demo/audit');
    const audit = page.getByRole('table', { name: 'Audit log' });
    await expect(audit.getByRole('row').filter({ hasText: 'tenant.rotateWebhookSecret' }).first()).toContainText(
      'fingerprint',
    );
    await expect(audit.getByRole('row').filter({ hasText: 'member.invite' }).first()).toContainText(email);
    await expect(audit.getByRole('row').filter({ hasText: 'member.join' }).first()).toContainText('Ivy Invitee');
  });

  test('an operator reviews wins held by risk rules: selects rows, rejects one and approves the other in bulk', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const held = await winPhysicalPrizes(page, 3);
    // The risk engine holds wins for review; here three real wins are put on hold directly.
    await withDb((db) =>
      db.query(`UPDATE "Win" SET "status" = 'HELD' WHERE "id" = ANY($1::uuid[])`, [held.map((h) => h.winId)]),
    );
    await signIn(page, 'ops@both.test');
    await page.goto('/t/demo/winners?status=HELD');
    const table = page.getByRole('table', { name: 'Winners' });
    const rows = held.map((h) => table.locator(`tr[data-win-id="${h.winId}"]`));
    for (const r of rows) await expect(r).toContainText('Held for review');
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });

    await page.getByLabel('Select all wins on this page').check();
    await expect(bar).toContainText(/\d+ selected/);
    await expect(bar.getByRole('button', { name: /^Approve/ })).not.toContainText('(0)');
    await expect(bar.getByRole('button', { name: /^Mark shipped/ })).toBeDisabled();
    await shot(page, 'winners-held-selected');

    await bar.getByRole('button', { name: 'Clear selection' }).click();
    await rows[0]!.getByRole('checkbox').check();
    await expect(bar).toContainText('1 selected');
    await bar.getByRole('button', { name: /^Reject/ }).click();
    const reject = page.getByRole('dialog', { name: 'Reject this held win?' });
    await reject.getByRole('button', { name: 'Reject' }).click();
    await expect(reject).toContainText('Say why');
    await reject.getByLabel('Reason').fill('Device farm confirmed');
    await reject.getByRole('button', { name: 'Reject' }).click();
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Win rejected' })).toBeVisible();
    await expect(rows[0]!).toHaveCount(0);

    // The other two together: the bulk path, one audited change per win.
    await rows[1]!.getByRole('checkbox').check();
    await rows[2]!.getByRole('checkbox').check();
    await bar.getByRole('button', { name: /^Approve/ }).click();
    const approve = page.getByRole('dialog', { name: 'Approve 2 held wins?' });
    await shot(page, 'approve-dialog');
    await approve.getByRole('button', { name: 'Approve 2' }).click();
    await expect(page.getByTestId('toast-success').filter({ hasText: '2 wins approved' })).toBeVisible();
    await expect(rows[1]!).toHaveCount(0);
    await expect(rows[2]!).toHaveCount(0);
    // Nothing stays selected (the held list may now be empty, and the toolbar gone with it).
    await expect(page.getByText(/\d+ selected/)).toHaveCount(0);

    const statuses = await withDb(
      async (db) =>
        (
          await db.query<{ id: string; status: string; voidReason: string | null }>(
            `SELECT "id", "status", "voidReason" FROM "Win" WHERE "id" = ANY($1::uuid[])`,
            [held.map((h) => h.winId)],
          )
        ).rows,
    );
    expect(statuses.find((w) => w.id === held[0]!.winId)).toMatchObject({
      status: 'VOID',
      voidReason: 'rejected in review: Device farm confirmed',
    });
    expect(statuses.find((w) => w.id === held[1]!.winId)).toMatchObject({ status: 'AWAITING_CLAIM' });
    expect(statuses.find((w) => w.id === held[2]!.winId)).toMatchObject({ status: 'AWAITING_CLAIM' });
    await page.goto('/t/demo/audit?object=Win');
    await expect(
      page
        .getByRole('table', { name: 'Audit log' })
        .getByRole('row')
        .filter({ hasText: 'win.approve' })
        .filter({ hasText: held[1]!.winId })
        .first(),
    ).toContainText('Bo Operator');
  });

  test('an analyst reads winners, audit and settings without any control to change them', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, 'analyst@demo.test');
    await page.goto('/t/demo/winners');
    await expect(page.getByRole('table', { name: 'Winners' })).toBeVisible();
    await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Mark shipped|Void|Approve|Reject)/ })).toHaveCount(0);
    await expectAccessible(page);
    await shot(page, 'winners-analyst');
    await page.goto('/t/demo/settings');
    await expect(page.getByTestId('members-read-only')).toBeVisible();
    await expect(page.getByTestId('invite-member-form')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Remove|Rotate)/ })).toHaveCount(0);
    await expectAccessible(page);
    await shot(page, 'settings-analyst');
  });
});
