// The end user's H5 page at 390×844 against the production build: for each gameplay, the
// animation ends on the tier the API returned, a win is claimed and shows in "my prizes";
// a losing draw, no chances left, a pause mid-session, a lost reply retried with the same
// Idempotency-Key (one Draw row), the odds page after a live odds change, axe-core.
// Activities are created through the management API in a fresh tenant of this run.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { withDb } from './support';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e/screenshots/h5-${name}.png`, animations: 'disabled' });
const run = randomBytes(4).toString('hex');
const tenantSlug = `h5e2e-${run}`;
let apiKey = '';
let userSecret = '';

function userToken(userId: string) {
  return new SignJWT({ tid: tenantSlug })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(userSecret));
}

type Live = { id: string; tiers: { id: string; name: string }[] };

async function liveActivity(
  request: APIRequestContext,
  {
    gameplay,
    probability = 1,
    freeDrawsPerDay = 1,
    tasks = [] as object[],
  }: { gameplay: 'wheel' | 'grid' | 'scratch'; probability?: number; freeDrawsPerDay?: number; tasks?: object[] },
): Promise<Live> {
  const headers = { authorization: `Bearer ${apiKey}` };
  const prize = await request.post('/api/manage/prizes', {
    headers,
    data: { name: `Tote Bag ${gameplay}`, kind: 'physical', stock: 100 },
  });
  expect(prize.status()).toBe(201);
  const prizeId = (await prize.json()).id as string;
  const now = Date.now();
  const created = await request.post('/api/manage/activities', {
    headers,
    data: {
      name: `H5 ${gameplay}`,
      gameplay,
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
      timezone: 'Asia/Shanghai',
      limits: { freeDrawsPerDay },
      materials: { title: `Lucky ${gameplay}`, themeColor: '#be123c', rulesText: 'One free draw a day.' },
      tiers: [{ name: 'Grand prize', probability, stock: 50, prizes: [{ prizeId, quantity: 1 }] }],
      tasks,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const activity = await created.json();
  const published = await request.post(`/api/manage/activities/${activity.id}/publish`, { headers });
  expect(published.status(), await published.text()).toBe(200);
  return {
    id: activity.id,
    tiers: activity.tiers.map((t: { id: string; name: string }) => ({ id: t.id, name: t.name })),
  };
}

async function open(page: Page, activityId: string, userId: string) {
  await page.goto(`/play/${activityId}#token=${await userToken(userId)}`);
  await expect(page.getByTestId('chances-count')).not.toHaveText('–');
  // The token left the address bar.
  expect(page.url()).not.toContain('token=');
}

/** Draws and returns the API's answer and the tier the board landed on. */
async function drawAndLand(page: Page, board: 'wheel' | 'grid' | 'scratch') {
  const reply = page.waitForResponse(
    (r) => r.url().includes('/draws') && r.request().method() === 'POST' && r.status() === 200,
  );
  await page.getByTestId('draw-button').click();
  const body = await (await reply).json();
  if (board === 'scratch') await scratch(page);
  await expect(page.getByTestId(board)).not.toHaveAttribute('data-landed', '', { timeout: 15_000 });
  return { body, landed: await page.getByTestId(board).getAttribute('data-landed') };
}

async function scratch(page: Page) {
  const box = (await page.getByTestId('scratch-canvas').boundingBox())!;
  await page.mouse.move(box.x + 4, box.y + 4);
  await page.mouse.down();
  for (let y = 8; y < box.height; y += 18) {
    await page.mouse.move(box.x + 4, box.y + y, { steps: 2 });
    await page.mouse.move(box.x + box.width - 4, box.y + y, { steps: 8 });
  }
  await page.mouse.up();
}

async function claim(page: Page) {
  await page.getByRole('button', { name: 'Enter shipping address' }).click();
  const dialog = page.getByTestId('claim-dialog');
  await dialog.getByRole('button', { name: 'Save address' }).click();
  await expect(dialog.getByLabel('Recipient name')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Phone')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Phone').fill('12');
  return dialog;
}

// One tenant for the whole file (both describes), made through the CLI as an operator would.
test.beforeAll(async () => {
  apiKey = execFileSync('npx', ['tsx', 'scripts/apikey.ts', '--tenant', tenantSlug], { encoding: 'utf8' }).trim();
  userSecret = await withDb(
    async (c) =>
      (await c.query('SELECT "userTokenSecret" FROM "Tenant" WHERE slug = $1', [tenantSlug])).rows[0].userTokenSecret,
  );
});

test.describe('h5 play page', () => {
  test.use({ locale: 'en-US' });

  test('wheel: lands on the tier the server returned, win, claim, my prizes; then no chances left', async ({
    page,
    request,
  }) => {
    const a = await liveActivity(request, {
      gameplay: 'wheel',
      tasks: [{ kind: 'sign_in', name: 'Daily check-in', chances: 1, perDay: 1 }],
    });
    await open(page, a.id, 'wendy');
    await expect(page.getByTestId('chances-count')).toHaveText('1');
    await shot(page, 'wheel-ready');
    const { body, landed } = await drawAndLand(page, 'wheel');
    expect(body.outcome).toBe('win');
    expect(landed).toBe(body.tier.id);
    const result = page.getByRole('dialog', { name: /You won/ });
    await expect(result).toBeVisible();
    await expect(result).toContainText('Tote Bag wheel');
    await shot(page, 'wheel-win');

    const dialog = await claim(page);
    await shot(page, 'claim-errors');
    await dialog.getByLabel('Recipient name').fill('Wendy Wu');
    await dialog.getByLabel('Phone').fill('+44 20 7946 0000');
    await dialog.getByLabel('Street address').fill('88 Baker Street');
    await dialog.getByLabel('City').fill('London');
    await dialog.getByLabel('Postcode').fill('NW1 6XE');
    await dialog.getByLabel('Country').selectOption('GB');
    await dialog.getByRole('button', { name: 'Save address' }).click();
    await expect(dialog).toBeHidden();
    const mine = page.getByTestId('my-prize').filter({ hasText: 'Tote Bag wheel' });
    await expect(mine).toHaveAttribute('data-status', 'CLAIMED');
    await expect(mine).toContainText('Address received');
    const stored = await withDb(
      async (c) =>
        (await c.query('SELECT status, "claimName", "claimAddress" FROM "Win" WHERE id = $1', [body.winIds[0]]))
          .rows[0],
    );
    expect(stored).toEqual({
      status: 'CLAIMED',
      claimName: 'Wendy Wu',
      claimAddress: '88 Baker Street, London, NW1 6XE, GB',
    });

    // Zero chances, and why: a task can still earn one.
    await expect(page.getByTestId('chances-count')).toHaveText('0');
    await expect(page.getByTestId('notice-text')).toHaveAttribute('data-kind', 'zero-tasks');
    await expect(page.getByTestId('draw-button')).toBeDisabled();
    await shot(page, 'no-chances');
    await page.getByRole('button', { name: 'Check in' }).click();
    await expect(page.getByTestId('chances-count')).toHaveText('1');
    await expect(page.getByTestId('task')).toContainText('Done for today');
    await shot(page, 'task-done');
  });

  test('9-grid: the highlight stops on the tier the server returned; a losing draw says so', async ({
    page,
    request,
  }) => {
    const a = await liveActivity(request, { gameplay: 'grid' });
    await open(page, a.id, 'gary');
    await shot(page, 'grid-ready');
    const { body, landed } = await drawAndLand(page, 'grid');
    expect(landed).toBe(body.tier.id);
    await expect(page.locator('[data-testid="grid-cell"][data-active="true"]')).toHaveAttribute(
      'data-tier',
      body.tier.id,
    );
    await expect(page.getByRole('dialog', { name: /You won: Grand prize/ })).toBeVisible();
    await shot(page, 'grid-win');
    await page.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByTestId('my-prize')).toHaveAttribute('data-status', 'AWAITING_CLAIM');

    const losing = await liveActivity(request, { gameplay: 'grid', probability: 0 });
    await open(page, losing.id, 'gary');
    const lost = await drawAndLand(page, 'grid');
    expect(lost.body.outcome).toBe('lose');
    expect(lost.landed).toBe('none');
    await expect(page.getByRole('dialog', { name: 'Not this time' })).toBeVisible();
    await shot(page, 'grid-lose');
    await page.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByTestId('notice-text')).toHaveAttribute('data-kind', 'zero-today');
  });

  test('scratch card: scratching half reveals the server result; claim; my prizes', async ({ page, request }) => {
    const a = await liveActivity(request, { gameplay: 'scratch' });
    await open(page, a.id, 'sara');
    await shot(page, 'scratch-ready');
    const reply = page.waitForResponse((r) => r.url().includes('/draws') && r.status() === 200);
    await page.getByTestId('draw-button').click();
    const body = await (await reply).json();
    await expect(page.getByTestId('scratch')).toHaveAttribute('data-landed', '');
    await page.waitForTimeout(100);
    const box = (await page.getByTestId('scratch-canvas').boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + 30, { steps: 6 });
    await page.mouse.up();
    await shot(page, 'scratch-partly');
    await scratch(page);
    await expect(page.getByTestId('scratch')).toHaveAttribute('data-landed', body.tier.id);
    await expect(page.getByRole('dialog', { name: /You won: Grand prize/ })).toBeVisible();
    await shot(page, 'scratch-win');
    const dialog = await claim(page);
    await dialog.getByLabel('Recipient name').fill('Sara Lin');
    await dialog.getByLabel('Phone').fill('13900001111');
    await dialog.getByLabel('Street address').fill('1 Orchard Road');
    await dialog.getByLabel('City').fill('Singapore');
    await dialog.getByLabel('Postcode').fill('238824');
    await dialog.getByLabel('Country').selectOption('SG');
    await dialog.getByRole('button', { name: 'Save address' }).click();
    await expect(page.getByTestId('my-prize')).toHaveAttribute('data-status', 'CLAIMED');
    await shot(page, 'my-prizes');
  });

  test('a lost reply is retried with the same Idempotency-Key: one result, one Draw row', async ({ page, request }) => {
    const a = await liveActivity(request, { gameplay: 'wheel', freeDrawsPerDay: 3 });
    await open(page, a.id, 'lena');
    const keys: string[] = [];
    let dropped = false;
    await page.route('**/draws', async (route) => {
      keys.push(route.request().headers()['idempotency-key']!);
      if (!dropped) {
        dropped = true;
        await route.fetch(); // the server draws...
        return route.abort('connectionreset'); // ...and the reply is lost on the way
      }
      return route.continue();
    });
    const { body, landed } = await drawAndLand(page, 'wheel');
    expect(landed).toBe(body.tier.id);
    expect(keys.length).toBe(2);
    expect(keys[1]).toBe(keys[0]);
    const draws = await withDb(
      async (c) =>
        (await c.query('SELECT id FROM "Draw" WHERE "activityId" = $1 AND "userId" = $2', [a.id, 'lena'])).rows,
    );
    expect(draws.map((d) => d.id)).toEqual([body.drawId]);
    await expect(page.getByTestId('chances-count')).toHaveText('2');
  });

  test('offline: a clear message and a retry that keeps the draw', async ({ page, request, context }) => {
    const a = await liveActivity(request, { gameplay: 'wheel', freeDrawsPerDay: 2 });
    await open(page, a.id, 'otto');
    await context.setOffline(true);
    await page.getByTestId('draw-button').click();
    await expect(page.getByTestId('notice-text')).toHaveAttribute('data-kind', 'offline', { timeout: 15_000 });
    await expect(page.getByTestId('draw-button')).toHaveText('Try again');
    await shot(page, 'offline');
    await context.setOffline(false);
    const { body, landed } = await drawAndLand(page, 'wheel');
    expect(landed).toBe(body.tier.id);
    const n = await withDb(
      async (c) => (await c.query('SELECT count(*)::int AS n FROM "Draw" WHERE "activityId" = $1', [a.id])).rows[0].n,
    );
    expect(n).toBe(1);
  });

  test('the activity paused mid-session says so and draws nothing', async ({ page, request }) => {
    const a = await liveActivity(request, { gameplay: 'wheel', freeDrawsPerDay: 2 });
    await open(page, a.id, 'paula');
    const paused = await request.post(`/api/manage/activities/${a.id}/pause`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(paused.status()).toBe(200);
    await page.getByTestId('draw-button').click();
    await expect(page.getByTestId('activity-state')).toHaveText(/paused/);
    await expect(page.getByTestId('draw-button')).toBeDisabled();
    await shot(page, 'paused');
    const n = await withDb(
      async (c) => (await c.query('SELECT count(*)::int AS n FROM "Draw" WHERE "activityId" = $1', [a.id])).rows[0].n,
    );
    expect(n).toBe(0);
  });

  test('the odds page shows the live configuration, also after a PATCH of a tier', async ({ page, request }) => {
    const a = await liveActivity(request, { gameplay: 'wheel', probability: 0.1 });
    await page.goto(`/play/${a.id}/rules`);
    const row = page.locator(`[data-testid="odds-row"][data-tier-id="${a.tiers[0]!.id}"]`);
    await expect(row).toHaveAttribute('data-probability', '0.1');
    await expect(row).toContainText('10%');
    const patched = await request.patch(`/api/manage/activities/${a.id}/tiers/${a.tiers[0]!.id}`, {
      headers: { authorization: `Bearer ${apiKey}` },
      data: { probability: 0.234567 },
    });
    expect(patched.status(), await patched.text()).toBe(200);
    const config = await (
      await request.get(`/api/manage/activities/${a.id}`, { headers: { authorization: `Bearer ${apiKey}` } })
    ).json();
    await page.reload();
    await expect(row).toHaveAttribute('data-probability', String(config.tiers[0].probability));
    await expect(row).toContainText('23.4567%');
    await expect(page.locator('[data-testid="odds-row"][data-tier-id="none"]')).toHaveAttribute(
      'data-probability',
      String(1 - 0.234567),
    );
    await shot(page, 'rules');
    // Plain markup and the page's stylesheet: no script at all.
    expect(await page.locator('script').count()).toBe(0);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
      [],
    );
  });

  test('rules open over the game from the live configuration; back closes them and the token is still there', async ({
    page,
    request,
  }) => {
    const a = await liveActivity(request, { gameplay: 'wheel', probability: 0.1 });
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await open(page, a.id, 'rita');
    // The play page is Preact and its own code: no React, no Next router on the phone.
    expect(scripts.filter((s) => s.startsWith('/_next/'))).toEqual([]);
    expect(scripts).toHaveLength(1);
    const patched = await request.patch(`/api/manage/activities/${a.id}/tiers/${a.tiers[0]!.id}`, {
      headers: { authorization: `Bearer ${apiKey}` },
      data: { probability: 0.25 },
    });
    expect(patched.status(), await patched.text()).toBe(200);
    await page.getByRole('link', { name: 'Rules & odds' }).click();
    const sheet = page.getByRole('dialog', { name: 'Rules and odds' });
    await expect(sheet.locator(`[data-testid="odds-row"][data-tier-id="${a.tiers[0]!.id}"]`)).toHaveAttribute(
      'data-probability',
      '0.25',
    );
    await expect(page).toHaveURL(new RegExp(`/play/${a.id}/rules$`));
    await shot(page, 'rules-sheet');
    await sheet.getByRole('button', { name: 'Back to the game' }).click();
    await expect(sheet).toBeHidden();
    await expect(page.getByRole('link', { name: 'Rules & odds' })).toBeFocused();
    // The browser's back button closes it too.
    await page.getByRole('link', { name: 'Rules & odds' }).click();
    await expect(sheet).toBeVisible();
    await page.goBack();
    await expect(sheet).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/play/${a.id}$`));
    // Still signed in: the token never left memory, so the draw goes through.
    const { body, landed } = await drawAndLand(page, 'wheel');
    expect(landed).toBe(body.tier?.id ?? 'none');
  });
});

test.describe('h5 play page in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('zh-CN from Accept-Language, switchable; axe finds nothing serious; 320 px wide', async ({ page, request }) => {
    const a = await liveActivity(request, {
      gameplay: 'wheel',
      tasks: [
        { kind: 'share', name: 'Share', chances: 1, perDay: 3 },
        { kind: 'event', eventType: 'post_created', name: 'Post', chances: 1, perDay: 3 },
      ],
    });
    await open(page, a.id, 'zoe');
    await expect(page.getByTestId('draw-button')).toHaveText('转一转');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await shot(page, 'zh');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(
      axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
    ).toEqual([]);
    await page.getByRole('button', { name: '切换语言' }).click();
    await expect(page.getByTestId('draw-button')).toHaveText('Spin');
    await page.setViewportSize({ width: 320, height: 640 });
    await shot(page, 'width-320');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
