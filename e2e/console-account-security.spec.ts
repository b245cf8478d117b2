// Operator account security against the production build: "Forgot password?" mails a one-time
// link (read here from the mail outbox table) that sets a new password and signs out the other
// session; two-factor sign-in set up on the security page (the code computed here from the
// secret the page shows), then a sign-in in two steps; the tenant's "require two-factor for
// owners" sends an owner without it to set it up; the audit shows each actor's role of the time.
// Works in a tenant of its own, so the seeded demo's logins never change. axe-core on every
// page; screenshots at 1440×900.
import { createHmac } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { hashPassword } from '../lib/auth/password';
import { withDb } from './support';

const run = Date.now().toString(36);
const slug = `sec-${run}`;
const ownerEmail = `sec-owner-${run}@e2e.test`;
const secondOwnerEmail = `sec-owner2-${run}@e2e.test`;
const firstPassword = `first-password-${run}`;
const newPassword = `second-password-${run}`;

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e/screenshots/console-security-${name}.png`, fullPage: true, animations: 'disabled' });

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as an authenticator app computes it. */
function totp(base32: string, atMs: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/\s/g, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  return { context, page: await context.newPage() };
}

async function signInStepOne(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.beforeAll(async () => {
  const [first, second] = await Promise.all([hashPassword(firstPassword), hashPassword(firstPassword)]);
  await withDb(async (db) => {
    const tenant = await db.query<{ id: string }>(
      `INSERT INTO "Tenant" (id, slug, name, "userTokenSecret", "webhookSecret", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, md5(random()::text), md5(random()::text), now()) RETURNING id`,
      [slug, `Security ${run}`],
    );
    for (const [email, hash, name] of [
      [ownerEmail, first, 'Sam Secure'],
      [secondOwnerEmail, second, 'Olive Owner'],
    ] as const) {
      const op = await db.query<{ id: string }>(
        `INSERT INTO "Operator" (id, email, name, "passwordHash", "updatedAt")
         VALUES (gen_random_uuid(), $1, $2, $3, now()) RETURNING id`,
        [email, name, hash],
      );
      await db.query(
        `INSERT INTO "Membership" (id, "tenantId", "operatorId", role) VALUES (gen_random_uuid(), $1, $2, 'OWNER')`,
        [tenant.rows[0]!.id, op.rows[0]!.id],
      );
    }
  });
});

test.describe('operator account security', () => {
  test('reset by a mailed link, set up two-factor, sign in with a code, require it of owners', async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    // A session signed in with the old password, to be signed out by the reset.
    const old = await newPage(browser);
    await signInStepOne(old.page, ownerEmail, firstPassword);
    await expect(old.page).toHaveURL(new RegExp(`/t/${slug}/activities$`), { timeout: 30_000 });

    // Forgot password: the same answer for any address; the link is in the outbox.
    await page.goto('/signin');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
    await expectAccessible(page);
    await shot(page, 'forgot');
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByTestId('reset-requested')).toContainText(ownerEmail);
    const body = await withDb(
      async (db) =>
        (
          await db.query<{ body: string }>(`SELECT body FROM "MailOutbox" WHERE "to" = $1 ORDER BY id DESC LIMIT 1`, [
            ownerEmail,
          ])
        ).rows[0]!.body,
    );
    const path = new URL(/https?:\/\/\S+\/reset\/[\w-]+/.exec(body)![0]).pathname;

    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await expectAccessible(page);
    await shot(page, 'reset');
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByTestId('reset-done')).toBeVisible();
    await shot(page, 'reset-done');
    // Once only; and the older session is signed out.
    await page.goto(path);
    await expect(page.getByTestId('reset-unusable')).toBeVisible();
    await old.page.reload();
    await expect(old.page).toHaveURL(/\/signin/);
    await old.context.close();

    await signInStepOne(page, ownerEmail, firstPassword);
    await expect(page.getByTestId('signin-error')).toContainText('Wrong email or password');
    await signInStepOne(page, ownerEmail, newPassword);
    await expect(page).toHaveURL(new RegExp(`/t/${slug}/activities$`), { timeout: 30_000 });

    // Two-factor: set up from the header's Security link.
    await page.getByTestId('account-security-link').click();
    await expect(page.getByRole('heading', { name: 'Account security' })).toBeVisible();
    await expect(page.getByTestId('two-factor-off')).toBeVisible();
    await expectAccessible(page);
    await shot(page, 'account-off');
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await expect(page.getByTestId('two-factor-qr')).toBeVisible();
    const secret = (await page.getByTestId('two-factor-secret').getAttribute('data-secret'))!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expect(page.getByTestId('two-factor-uri')).toContainText(`secret=${secret}`);
    await expectAccessible(page);
    await shot(page, 'enrol');
    const wrong = String((Number(totp(secret, Date.now())) + 500_000) % 1_000_000).padStart(6, '0');
    await page.getByLabel('Code from the app').fill(wrong);
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect(page.getByTestId('two-factor-enrol').getByRole('alert')).toContainText('does not match');
    await page.getByLabel('Code from the app').fill(totp(secret, Date.now()));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect(page.getByTestId('recovery-code')).toHaveCount(10);
    await expectAccessible(page);
    await shot(page, 'recovery-codes');
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await expect(page.getByTestId('two-factor-on')).toContainText('10 of 10 recovery codes left');
    await shot(page, 'account-on');

    // The tenant requires two-factor of owners: audited with the owner's role.
    await page.goto(`/t/${slug}/settings`);
    const requirement = page.getByLabel('Require two-factor sign-in for owners');
    await requirement.check();
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Setting saved' })).toBeVisible();
    await expect(requirement).toBeChecked();
    await expectAccessible(page);
    await shot(page, 'settings');
    await page.goto(`/t/${slug}/audit`);
    const row = page.getByRole('row').filter({ hasText: 'tenant.requireOwnerTwoFactor' });
    await expect(row.getByTestId('audit-actor-role')).toHaveText('Owner');
    await expectAccessible(page);
    await shot(page, 'audit');

    // Sign in again: a second step asks for the code; a wrong one is refused.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin$/);
    await signInStepOne(page, ownerEmail, newPassword);
    const code = page.getByLabel('Authentication code');
    await expect(code).toBeVisible();
    await expectAccessible(page);
    await shot(page, 'signin-code');
    await code.fill(wrong);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('signin-error')).toContainText('wrong or was already used');
    // The next step's code: the enrolment spent the current one, and the next is within a step of now.
    await code.fill(totp(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${slug}/activities$`), { timeout: 30_000 });

    // Another owner without two-factor is sent to set it up first.
    const other = await newPage(browser);
    try {
      await signInStepOne(other.page, secondOwnerEmail, firstPassword);
      await expect(other.page).toHaveURL(new RegExp(`/account/security\\?required=${slug}$`), { timeout: 30_000 });
      await expect(other.page.getByTestId('two-factor-required')).toContainText(`Security ${run}`);
      await expectAccessible(other.page);
      await other.page.screenshot({
        path: 'e2e/screenshots/console-security-required.png',
        fullPage: true,
        animations: 'disabled',
      });
      await other.page.goto(`/t/${slug}/settings`);
      await expect(other.page).toHaveURL(/\/account\/security\?required=/);
    } finally {
      await other.context.close();
    }
  });
});
