// The console's "Provably fair" panel at 1440×900 against the production build: the seeds of an
// ended activity with their reveal, and "Verify all draws". Screenshot in e2e/screenshots/.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { SignJWT } from 'jose';
import { screenshots, signIn, withDb } from './support';

const shot = screenshots('console-fairness');

test('an ended activity shows its commitment and revealed seed, and verifies all its draws', async ({
  page,
  request,
}) => {
  const apiKey = execFileSync('npx', ['tsx', 'scripts/apikey.ts', '--tenant', 'demo'], { encoding: 'utf8' }).trim();
  const headers = { authorization: `Bearer ${apiKey}` };
  const secret = await withDb(
    async (c) =>
      (await c.query('SELECT "userTokenSecret" FROM "Tenant" WHERE slug = $1', ['demo'])).rows[0].userTokenSecret,
  );
  const prize = await request.post('/api/manage/prizes', {
    headers,
    data: { name: 'Sticker', kind: 'virtual', stock: 50 },
  });
  const now = Date.now();
  const created = await request.post('/api/manage/activities', {
    headers,
    data: {
      name: `Fair draw ${now}`,
      gameplay: 'grid',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
      timezone: 'Asia/Shanghai',
      limits: { freeDrawsPerDay: 1 },
      materials: { title: 'Fair draw' },
      tiers: [
        { name: 'Sticker', probability: 0.5, stock: 20, prizes: [{ prizeId: (await prize.json()).id, quantity: 1 }] },
      ],
      tasks: [],
    },
  });
  const { id } = await created.json();
  expect((await request.post(`/api/manage/activities/${id}/publish`, { headers })).status()).toBe(200);
  for (const user of ['ana', 'ben', 'cai', 'dee']) {
    const token = await new SignJWT({ tid: 'demo' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    const drawn = await request.post(`/api/v1/activities/${id}/draws`, {
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    });
    expect(drawn.status()).toBe(200);
  }
  expect((await request.post(`/api/manage/activities/${id}/end`, { headers })).status()).toBe(200);

  await signIn(page, 'owner@demo.test');
  await page.goto(`/t/demo/activities/${id}`);
  const panel = page.getByTestId('fairness-panel');
  await expect(panel.getByTestId('fairness-reveal')).toHaveText(/seed [0-9a-f]{64}/);
  await panel.getByTestId('verify-all').click();
  await expect(panel.getByTestId('verify-all-result')).toHaveText(/verified 4, mismatches 0/);
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'verified');
});
