// Coupon codes uploaded on the prize page while a live activity holds the prize, against the
// production build: they go into that activity's pool and its draw at once, and the console says
// so. axe-core on the page; screenshots at 1440×900.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { SignJWT } from 'jose';
import { screenshots, signIn, withDb } from './support';

const shot = screenshots('console-coupon-live');
const run = Date.now().toString(36);

test('codes uploaded for a prize a live activity holds reach its draw, and the upload says so', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'owner@demo.test');
  await page.goto('/t/demo/settings');
  await page.getByRole('textbox', { name: 'Key name' }).fill(`E2E live codes ${run}`);
  await page.getByRole('button', { name: 'Create API key' }).click();
  const key = await page.getByTestId('new-api-key-value').inputValue();
  const headers = { authorization: `Bearer ${key}` };

  // A coupon prize with 2 codes, all held by a live activity whose every draw wins.
  const prizeName = `E2E Live coupon ${run}`;
  const prize = await page.request.post('/api/manage/prizes', {
    headers,
    data: { name: prizeName, kind: 'coupon', value: 3, stock: 0 },
  });
  const prizeId = ((await prize.json()) as { id: string }).id;
  const first = [`LIVE-${run}-A`, `LIVE-${run}-B`];
  expect(
    (await page.request.post(`/api/manage/prizes/${prizeId}/codes`, { headers, data: { codes: first } })).ok(),
  ).toBe(true);
  const now = Date.now();
  const created = await page.request.post('/api/manage/activities', {
    headers,
    data: {
      name: `E2E Live codes ${run}`,
      gameplay: 'wheel',
      timezone: 'UTC',
      tasks: [],
      limits: { freeDrawsPerDay: 1 },
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
      tiers: [{ name: 'Coupon', probability: 1, stock: 2, prizes: [{ prizeId, quantity: 1 }] }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const activity = (await created.json()) as { id: string; tiers: { id: string }[] };
  expect((await page.request.post(`/api/manage/activities/${activity.id}/publish`, { headers })).status()).toBe(200);

  // The prize page: upload three more codes while the activity is live.
  await page.goto(`/t/demo/prizes/${prizeId}`);
  await page.getByRole('button', { name: 'Upload codes' }).click();
  const upload = page.getByRole('dialog', { name: `Upload codes for ${prizeName}` });
  await expect(upload).toContainText('While a live activity holds this prize');
  await shot(page, 'dialog');
  const later = [1, 2, 3].map((i) => `LIVE-${run}-N${i}`);
  await upload.getByLabel('File').setInputFiles({
    name: 'codes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(later.join('\n')),
  });
  await upload.getByRole('button', { name: 'Add codes' }).click();
  await expect(upload).toBeHidden();
  const toast = page.getByText(/3 codes added, 5 unused\. They went into the live activity’s pool/);
  await expect(toast).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await shot(page, 'added');

  // Room for them in the tier, then five winners: the five codes, each once.
  const patched = await page.request.patch(`/api/manage/activities/${activity.id}/tiers/${activity.tiers[0]!.id}`, {
    headers,
    data: { stock: 5 },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  const secret = await withDb(async (db) => {
    const { rows } = await db.query<{ s: string }>(`SELECT "userTokenSecret" AS s FROM "Tenant" WHERE slug = 'demo'`);
    return rows[0]!.s;
  });
  const won: string[] = [];
  for (let u = 0; u < 6; u++) {
    const token = await new SignJWT({ tid: 'demo' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`e2e-live-codes-${run}-${u}`)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    const res = await page.request.post(`/api/v1/activities/${activity.id}/draws`, {
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': `k-${u}` },
    });
    expect(res.status(), await res.text()).toBe(200);
    const body = (await res.json()) as { prizes: { codes?: string[] }[] };
    won.push(...body.prizes.flatMap((p) => p.codes ?? []));
  }
  expect(won.sort()).toEqual([...first, ...later].sort());
});
