// Provably fair draws on the H5 pages at 390×844 against the production build: "verify" on a
// prize before the reveal shows the commitment, after the end it recomputes the draw in the
// browser; the rules page shows the revealed seed and recomputes a pasted proof. Screenshots
// in e2e/screenshots/h5-fairness-*.png. "My draws" lists each draw with its time in the
// activity's zone and a verify link that works before the reveal (the proof) and after (recomputed).
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { SignJWT } from 'jose';
import { screenshots, withDb } from './support';

const shot = screenshots('h5-fairness');
const tenantSlug = `fair-${randomBytes(4).toString('hex')}`;
let apiKey = '';
let userSecret = '';

const userToken = (userId: string) =>
  new SignJWT({ tid: tenantSlug })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(userSecret));

test.beforeAll(async () => {
  apiKey = execFileSync('npx', ['tsx', 'scripts/apikey.ts', '--tenant', tenantSlug], { encoding: 'utf8' }).trim();
  userSecret = await withDb(
    async (c) =>
      (await c.query('SELECT "userTokenSecret" FROM "Tenant" WHERE slug = $1', [tenantSlug])).rows[0].userTokenSecret,
  );
});

async function liveActivity(request: APIRequestContext, { probability = 1, freeDrawsPerDay = 3 } = {}) {
  const headers = { authorization: `Bearer ${apiKey}` };
  const prize = await request.post('/api/manage/prizes', {
    headers,
    data: { name: 'Coffee voucher', kind: 'virtual', stock: 100 },
  });
  const now = Date.now();
  const created = await request.post('/api/manage/activities', {
    headers,
    data: {
      name: 'Fair wheel',
      gameplay: 'wheel',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
      timezone: 'Asia/Shanghai',
      limits: { freeDrawsPerDay },
      materials: { title: 'Fair wheel', themeColor: '#be123c', rulesText: 'Three free draws a day.' },
      tiers: [{ name: 'Voucher', probability, stock: 50, prizes: [{ prizeId: (await prize.json()).id, quantity: 1 }] }],
      tasks: [],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();
  expect((await request.post(`/api/manage/activities/${id}/publish`, { headers })).status()).toBe(200);
  return id as string;
}

test.describe('provably fair on the H5 pages', () => {
  test.use({ locale: 'en-US' });

  test('verify a prize before and after the reveal; the rules page recomputes a pasted proof', async ({
    page,
    request,
  }) => {
    const activityId = await liveActivity(request);
    const token = await userToken('fiona');
    const auth = { authorization: `Bearer ${token}` };
    const drawn = await request.post(`/api/v1/activities/${activityId}/draws`, {
      headers: { ...auth, 'idempotency-key': `fiona-${randomUUID()}` },
    });
    expect(drawn.status()).toBe(200);
    const { drawId } = await drawn.json();

    await page.goto(`/play/${activityId}#token=${token}`);
    await page.getByTestId('verify-draw').first().click();
    const dialog = page.getByTestId('verify-dialog');
    await expect(dialog).toHaveAttribute('data-state', 'sealed');
    await expect(dialog.getByTestId('verify-commitment')).toHaveText(/^[0-9a-f]{64}$/);
    await shot(page, 'sealed');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const ended = await request.post(`/api/manage/activities/${activityId}/end`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(ended.status()).toBe(200);
    await page.goto(`/play/${activityId}#token=${token}`);
    await page.getByTestId('verify-draw').first().click();
    await expect(page.getByTestId('verify-dialog')).toHaveAttribute('data-state', 'verified');
    await shot(page, 'verified');

    const proof = await (await request.get(`/api/v1/draws/${drawId}/proof`, { headers: auth })).json();
    await page.goto(`/play/${activityId}/rules`);
    await expect(page.getByTestId('rules-revealed-seed')).toHaveText(/^[0-9a-f]{64}$/);
    await page.getByLabel('Your draw’s proof (JSON)').fill(JSON.stringify(proof));
    await page.getByRole('button', { name: 'Recompute in this browser' }).click();
    await expect(page.getByTestId('rules-verify-result')).toHaveAttribute('data-state', 'verified');
    await page.getByTestId('rules-fairness').scrollIntoViewIfNeeded();
    await shot(page, 'rules');
    // A tampered proof does not pass.
    await page.getByLabel('Your draw’s proof (JSON)').fill(JSON.stringify({ ...proof, r: (proof.r + 1) % 1_000_000 }));
    await page.getByRole('button', { name: 'Recompute in this browser' }).click();
    await expect(page.getByTestId('rules-verify-result')).toHaveAttribute('data-state', 'mismatch');
  });

  test('"My draws" lists every draw, newest first, pages on, and verifies one before and after the reveal', async ({
    page,
    request,
  }) => {
    const activityId = await liveActivity(request, { probability: 0.5, freeDrawsPerDay: 12 });
    const token = await userToken('gwen');
    const auth = { authorization: `Bearer ${token}` };
    const drawIds: string[] = [];
    for (let n = 0; n < 11; n++) {
      const drawn = await request.post(`/api/v1/activities/${activityId}/draws`, {
        headers: { ...auth, 'idempotency-key': `gwen-${n}-${randomUUID()}` },
      });
      expect(drawn.status()).toBe(200);
      drawIds.push((await drawn.json()).drawId);
    }
    await page.goto(`/play/${activityId}#token=${token}`);
    const list = page.getByTestId('my-draws');
    await expect(list.getByTestId('my-draw')).toHaveCount(10);
    await expect(list.getByTestId('my-draw').first()).toHaveAttribute('data-draw-id', drawIds.at(-1)!);
    // Times are the activity's (Asia/Shanghai, UTC+8), e.g. "Dec 6, 2026, 11:05 PM".
    const shown = await list.locator('time').first().textContent();
    const iso = await list.locator('time').first().getAttribute('datetime');
    const expected = new Date(iso!).toLocaleString('en-US', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    expect(shown).toBe(expected);
    await list.getByTestId('more-draws').click();
    await expect(list.getByTestId('my-draw')).toHaveCount(11);
    await expect(list.getByTestId('more-draws')).toHaveCount(0);
    await list.scrollIntoViewIfNeeded();
    await shot(page, 'my-draws');
    const axe = await new AxeBuilder({ page }).include('[data-testid="my-draws"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
      [],
    );

    // Before the reveal: the proof, and the promise of a check after the end.
    await list.getByTestId('verify-my-draw').last().click();
    const dialog = page.getByTestId('verify-dialog');
    await expect(dialog).toHaveAttribute('data-state', 'sealed');
    await expect(dialog).toContainText('The seed is revealed when the activity ends');
    await shot(page, 'my-draws-sealed');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // A draw made on the page appears at the top of the list.
    await page.getByTestId('draw-button').click();
    await expect(list.getByTestId('my-draw').first()).not.toHaveAttribute('data-draw-id', drawIds.at(-1)!);
    await expect(list.getByTestId('my-draw')).toHaveCount(10);
    const newest = await list.getByTestId('my-draw').first().getAttribute('data-draw-id');
    expect(drawIds).not.toContain(newest);

    const ended = await request.post(`/api/manage/activities/${activityId}/end`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(ended.status()).toBe(200);
    await page.goto(`/play/${activityId}?lang=zh-CN#token=${token}`);
    await page.getByTestId('my-draws').getByTestId('verify-my-draw').first().click();
    await expect(page.getByTestId('verify-dialog')).toHaveAttribute('data-state', 'verified');
    await expect(page.getByTestId('my-draws')).toContainText('我的抽奖');
    await shot(page, 'my-draws-verified');
  });
});
