// Settings → Webhooks against the production build, the workers and the seeded demo: an owner adds
// an endpoint (a receiver in this test process, on 127.0.0.1: run with WEBHOOK_ALLOW_PRIVATE=1, as
// npm run demo and npm test do), copies its secret once, a real win reaches it signed (refused once,
// then retried), the delivery log shows both attempts and resends it. axe-core on the page; screenshots at 1440×900.
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { SignJWT } from 'jose';
import { screenshots, signIn, withDb } from './support';

const shot = screenshots('console-webhooks');
const run = Date.now().toString(36);

test('an owner adds a webhook endpoint, sees its secret once, and resends a delivery from the log', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const received: { headers: IncomingHttpHeaders; body: string; eventId: string }[] = [];
  // The first delivery of each event is answered 500, so the log has a failed attempt and a retried
  // one to show. Keyed by event: one draw can win a tier of two prizes, two wins and two events, in
  // either order.
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      const eventId = (JSON.parse(body) as { id: string }).id;
      const first = !received.some((r) => r.eventId === eventId);
      received.push({ headers: req.headers, body, eventId });
      res.statusCode = first ? 500 : 200;
      res.end(res.statusCode === 200 ? 'ok' : 'not now');
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${run}`;
  try {
    await signIn(page, 'owner@demo.test');
    await page.goto('/t/demo/settings#webhooks');
    const panel = page.getByTestId('webhooks-panel');
    await expect(page.getByRole('heading', { name: 'Webhooks' })).toBeVisible();

    const form = page.getByTestId('webhook-form');
    await form.getByLabel('Endpoint URL').fill(url);
    await form.getByLabel('win.shipped').check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = await page.getByTestId('webhook-secret-value').inputValue();
    expect(secret.length).toBeGreaterThan(30);
    await shot(page, 'secret-once');
    await page.getByTestId('webhook-secret').getByRole('button', { name: 'Done' }).click();
    await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
    await expect(panel.getByText(url)).toBeVisible();

    // A real win in the demo's wheel, as a fresh user, until one is won.
    const { activityId, tokenSecret } = await withDb(
      async (db) =>
        (
          await db.query<{ activityId: string; tokenSecret: string }>(
            `SELECT a.id AS "activityId", t."userTokenSecret" AS "tokenSecret" FROM "Activity" a
             JOIN "Tenant" t ON t.id = a."tenantId" WHERE t.slug = 'demo' AND a.name = 'Spring Festival Wheel'`,
          )
        ).rows[0]!,
    );
    let winId: string | undefined;
    for (let u = 0; u < 200 && !winId; u++) {
      const token = await new SignJWT({ tid: 'demo' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(`e2e-hooks-${run}-${u}`)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(tokenSecret));
      const res = await page.request.post(`/api/v1/activities/${activityId}/draws`, {
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': `k-${u}` },
      });
      winId = ((await res.json()) as { winIds?: string[] }).winIds?.[0];
    }
    expect(winId).toBeTruthy();
    // Refused once, then retried by the schedule (10 s) with the same event.
    const deliveriesOfWin = () => received.filter((r) => r.body.includes(winId!));
    await expect.poll(() => deliveriesOfWin().length, { timeout: 60_000 }).toBe(2);
    const [hook, retried] = deliveriesOfWin() as [(typeof received)[number], (typeof received)[number]];
    expect(retried.body).toBe(hook.body);
    const event = `win\\.created ${hook.eventId.slice(0, 8)}`;
    const timestamp = hook.headers['x-timestamp'] as string;
    expect(hook.headers['x-signature']).toBe(
      'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${hook.body}`).digest('hex'),
    );

    await page.reload();
    const card = page.getByTestId('webhook-endpoint').filter({ hasText: url });
    await expect(card.getByText('delivered').first()).toBeVisible();
    // The delivery opens onto its attempts: refused with 500, then delivered with 200.
    await card.getByRole('button', { name: new RegExp(`^Show the 2 attempts of ${event}`) }).click();
    const attempts = card.getByRole('table', { name: new RegExp(`^Attempts of ${event}`) });
    await expect(attempts.getByRole('row')).toHaveCount(3);
    await expect(attempts.getByRole('row').nth(1)).toContainText('#1');
    await expect(attempts.getByRole('row').nth(1)).toContainText('500');
    await expect(attempts.getByRole('row').nth(1)).toContainText('answered 500');
    await expect(attempts.getByRole('row').nth(2)).toContainText('200');
    await expect(attempts.getByRole('row').nth(2)).toContainText('delivered');
    const { violations } = await new AxeBuilder({ page }).include('#webhooks').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await shot(page, 'log');

    await card
      .getByRole('row')
      .filter({ hasText: `${hook.eventId.slice(0, 8)}…` })
      .getByRole('button', { name: 'Resend' })
      .click();
    await expect(page.getByText('Delivery queued again')).toBeVisible();
    await expect.poll(() => deliveriesOfWin().length, { timeout: 30_000 }).toBe(3);
    expect(deliveriesOfWin()[2]!.eventId).toBe(hook.eventId);

    await card.getByRole('button', { name: 'Disable' }).click();
    await expect(card.getByText('Disabled', { exact: true })).toBeVisible();
  } finally {
    receiver.close();
  }
});
