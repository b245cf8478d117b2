// The play page as a player on a small phone meets it, at 390×844 and 320×640: the Spin button
// stays tappable through 20 spins (nothing of the rotating wheel over it, no sideways scroll),
// labels show whole prize names, a failed state load says so and its "Try again" draws nothing,
// a shipped win shows its carrier and tracking number, a Chinese reader gets the Chinese names,
// the console's preview is the real page (pixel diff against it), and axe finds nothing serious.
// Activities are created through the management API in a fresh tenant of this run.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import sharp from 'sharp';
import { mintPreviewToken } from '../lib/h5/preview-token';
import { withDb } from './support';

const SHOTS = 'e2e/screenshots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/h5-truth-${name}.png`, animations: 'disabled' });
const run = randomBytes(4).toString('hex');
const tenantSlug = `h5truth-${run}`;
let apiKey = '';
let userSecret = '';
let tenantId = '';
const auth = () => ({ authorization: `Bearer ${apiKey}` });

function userToken(userId: string) {
  return new SignJWT({ tid: tenantSlug })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(userSecret));
}

type Live = { id: string; tiers: { id: string; name: string }[] };

async function prize(request: APIRequestContext, data: object): Promise<string> {
  const res = await request.post('/api/manage/prizes', { headers: auth(), data });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id as string;
}

async function liveActivity(request: APIRequestContext, spec: Record<string, unknown>): Promise<Live> {
  const now = Date.now();
  const created = await request.post('/api/manage/activities', {
    headers: auth(),
    data: {
      name: 'Truthful wheel',
      gameplay: 'wheel',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
      timezone: 'Asia/Shanghai',
      ...spec,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const activity = await created.json();
  const published = await request.post(`/api/manage/activities/${activity.id}/publish`, { headers: auth() });
  expect(published.status(), await published.text()).toBe(200);
  return { id: activity.id, tiers: activity.tiers.map((t: { id: string; name: string }) => t) };
}

async function open(page: Page, activityId: string, userId: string) {
  await page.goto(`/play/${activityId}#token=${await userToken(userId)}`);
  await expect(page.getByTestId('chances-count')).not.toHaveText('–');
}

const drawsOf = (activityId: string, userId: string) =>
  withDb(
    async (c) =>
      (
        await c.query('SELECT count(*)::int AS n FROM "Draw" WHERE "activityId" = $1 AND "userId" = $2', [
          activityId,
          userId,
        ])
      ).rows[0].n as number,
  );

/** What is under the Spin button's centre and top edge, and how far the page scrolls sideways. */
async function spinButtonReach(page: Page) {
  return page.evaluate(() => {
    const button = document.querySelector('[data-testid="draw-button"]')!;
    const r = button.getBoundingClientRect();
    const hits = [
      [r.left + r.width / 2, r.top + r.height / 2],
      [r.left + r.width / 2, r.top + 1],
      // Along the top edge, inside the pill's rounded ends.
      [r.left + r.height / 2 + 4, r.top + 2],
      [r.right - r.height / 2 - 4, r.top + 2],
    ].map(([x, y]) => {
      const el = document.elementFromPoint(x!, y!);
      return !!el && (el === button || button.contains(el));
    });
    return {
      hits,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      bodyOverflow: document.body.scrollWidth - window.innerWidth,
    };
  });
}

test.beforeAll(async () => {
  apiKey = execFileSync('npx', ['tsx', 'scripts/apikey.ts', '--tenant', tenantSlug], { encoding: 'utf8' }).trim();
  const row = await withDb(
    async (c) => (await c.query('SELECT id, "userTokenSecret" FROM "Tenant" WHERE slug = $1', [tenantSlug])).rows[0],
  );
  userSecret = row.userTokenSecret;
  tenantId = row.id;
});

for (const viewport of [
  { width: 390, height: 844 },
  { width: 320, height: 640 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ locale: 'en-US', viewport });

    test('20 spins in a row: taps reach the Spin button, no sideways scroll, whole labels', async ({
      page,
      request,
    }) => {
      test.setTimeout(240_000);
      const long = await prize(request, {
        name: 'Noise-cancelling headphones',
        kind: 'physical',
        stock: 100,
      });
      const points = await prize(request, { name: 'Daily check-in bonus points', kind: 'points', stock: 10_000 });
      const a = await liveActivity(request, {
        limits: { freeDrawsPerDay: 20 },
        tiers: [
          { name: 'Grand prize tier', probability: 0.2, stock: 100, prizes: [{ prizeId: long, quantity: 1 }] },
          { name: 'Second tier', probability: 0.3, stock: 1000, prizes: [{ prizeId: points, quantity: 5 }] },
        ],
      });
      const user = `spinner-${viewport.width}`;
      await open(page, a.id, user);
      // The labels carry the prizes, whole (wrapped or shrunk, never cut off with an ellipsis).
      const labels = await page
        .locator('[data-testid="wheel"] text')
        .evaluateAll((els) => els.map((e) => [...e.querySelectorAll('tspan')].map((t) => t.textContent).join(' ')));
      expect(labels).toContain('Noise-cancelling headphones');
      expect(labels).toContain('Daily check-in bonus points ×5');
      expect(labels).toContain('Not this time');
      expect(labels.join('')).not.toContain('…');
      // Every label stays inside the wheel's disc.
      const inside = await page.evaluate(() => {
        const wheel = document.querySelector('[data-testid="wheel"]')!.getBoundingClientRect();
        return [...document.querySelectorAll('[data-testid="wheel"] text')].every((t) => {
          const b = t.getBoundingClientRect();
          return b.left >= wheel.left - 1 && b.right <= wheel.right + 1 && b.top >= wheel.top - 1;
        });
      });
      expect(inside).toBe(true);
      await shot(page, `ready-${viewport.width}`);

      for (let spin = 1; spin <= 20; spin++) {
        const reach = await spinButtonReach(page);
        expect(reach.hits, `spin ${spin}: taps at the button's centre and top edge reach it`).toEqual([
          true,
          true,
          true,
          true,
        ]);
        expect(reach.overflow, `spin ${spin}: no sideways scroll`).toBeLessThanOrEqual(0);
        expect(reach.bodyOverflow, `spin ${spin}: no sideways scroll`).toBeLessThanOrEqual(0);
        const reply = page.waitForResponse((r) => r.url().includes('/draws') && r.request().method() === 'POST');
        // A real tap at the button's top edge, where the wheel's corner used to be.
        const box = (await page.getByTestId('draw-button').boundingBox())!;
        await page.mouse.click(box.x + box.width / 2, box.y + 2);
        const body = await (await reply).json();
        await expect(page.getByTestId('wheel')).not.toHaveAttribute('data-landed', '', { timeout: 15_000 });
        expect(await page.getByTestId('wheel').getAttribute('data-landed')).toBe(body.tier?.id ?? 'none');
        if (spin === 7) await shot(page, `spin-result-${viewport.width}`);
        await page.getByRole('button', { name: 'OK' }).click();
        await expect(page.getByTestId('result-dialog')).toBeHidden();
      }
      expect(await drawsOf(a.id, user)).toBe(20);
      await shot(page, `after-20-${viewport.width}`);
    });
  });
}

test.describe('messages say what happened', () => {
  test.use({ locale: 'en-US', viewport: { width: 390, height: 844 } });

  test('a failed state load says so; "Try again" reloads the state and draws nothing', async ({ page, request }) => {
    const p = await prize(request, { name: 'Tote', kind: 'physical', stock: 10 });
    const a = await liveActivity(request, {
      limits: { freeDrawsPerDay: 2 },
      tiers: [{ name: 'Tote tier', probability: 0.5, stock: 10, prizes: [{ prizeId: p, quantity: 1 }] }],
    });
    const user = 'stateless';
    let failing = true;
    await page.route('**/api/v1/activities/*/me*', (route) =>
      failing
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            headers: { 'x-request-id': 'req-test-503' },
            body: JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'try again' } }),
          })
        : route.continue(),
    );
    const draws: string[] = [];
    // A draw is a POST; the page's list of the user's draws (GET …/me/draws) draws nothing.
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/draws') && draws.push(r.url()));
    await page.goto(`/play/${a.id}#token=${await userToken(user)}`);
    const notice = page.getByTestId('notice-text');
    await expect(notice).toHaveAttribute('data-kind', 'stateFailed');
    await expect(notice).toContainText('could not be loaded. Nothing was drawn.');
    await expect(notice).not.toContainText('Your draw is kept');
    await expect(page.getByTestId('request-id')).toHaveText('Reference: req-test-503');
    await expect(page.getByTestId('draw-button')).toBeDisabled();
    await expect(page.getByTestId('draw-button')).toHaveText('Spin');
    await shot(page, 'state-failed');
    failing = false;
    await page.getByTestId('reload-state').click();
    await expect(page.getByTestId('chances-count')).toHaveText('2');
    await expect(notice).toBeHidden();
    expect(draws).toEqual([]);
    expect(await drawsOf(a.id, user)).toBe(0);
  });
});

test.describe('my prizes and languages', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('a shipped win shows carrier and tracking number; a Chinese reader gets the Chinese names', async ({
    browser,
    request,
  }) => {
    const p = await prize(request, {
      name: 'Power bank',
      kind: 'physical',
      stock: 10,
      translations: { 'zh-CN': { name: '充电宝' } },
    });
    const a = await liveActivity(request, {
      name: 'Spring wheel',
      limits: { freeDrawsPerDay: 1 },
      claimWindowHours: 72,
      materials: { title: 'Spring Lucky Wheel', rulesText: 'One draw a day.' },
      tiers: [{ name: 'First prize', probability: 1, stock: 10, prizes: [{ prizeId: p, quantity: 1 }] }],
      tasks: [{ kind: 'sign_in', name: 'Daily check-in', chances: 1, perDay: 1 }],
      translations: {
        'zh-CN': {
          name: '春节转盘',
          title: '新春幸运大转盘',
          rulesText: '每天一次。',
          tiers: [{ name: '一等奖' }],
          tasks: [{ name: '每日签到' }],
        },
      },
    });

    // The API's view follows ?lang= and Accept-Language, falling back to the untranslated text.
    const token = await userToken('mei');
    const zhView = await (
      await request.get(`/api/v1/activities/${a.id}?lang=zh-CN`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(zhView.name).toBe('春节转盘');
    expect(zhView.tiers[0].name).toBe('一等奖');
    expect(zhView.tiers[0].prizes[0].name).toBe('充电宝');
    const enView = await (
      await request.get(`/api/v1/activities/${a.id}`, {
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr-FR,en;q=0.5' },
      })
    ).json();
    expect(enView.name).toBe('Spring wheel');
    expect(enView.lang).toBeNull();

    const zh = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await zh.newPage();
    await open(page, a.id, 'mei');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('新春幸运大转盘');
    await expect(page.locator('[data-testid="wheel"] text').first()).toHaveText('充电宝');
    await expect(page.getByTestId('task')).toContainText('每日签到');
    const reply = page.waitForResponse((r) => r.url().includes('/draws') && r.request().method() === 'POST');
    await page.getByTestId('draw-button').click();
    const body = await (await reply).json();
    const result = page.getByTestId('result-dialog');
    await expect(result).toContainText('恭喜中奖: 一等奖');
    await expect(result).toContainText('充电宝');
    await shot(page, 'zh-win');
    await page.getByRole('button', { name: '好的' }).click();
    const mine = page.getByTestId('my-prize');
    await expect(mine).toContainText('充电宝');
    await expect(mine.getByTestId('claim-deadline')).toContainText('请于');

    // The operator ships it (the management API, as the console does): the page shows who
    // carries it and the number to track it by.
    const winId = body.winIds[0] as string;
    // The claim form in Chinese: province, city, district, street; a mainland mobile number.
    await mine.getByRole('button', { name: '领取' }).click();
    const form = page.getByTestId('claim-dialog');
    await form.getByLabel('收件人').fill('李梅');
    await form.getByLabel('手机号').fill('+44 20 7946 0000');
    await form.getByRole('button', { name: '保存地址' }).click();
    await expect(form.getByLabel('手机号')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('省', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(form).toContainText('请填写 11 位手机号码。');
    await shot(page, 'zh-claim-errors');
    await form.getByLabel('手机号').fill('138 0000 1111');
    await form.getByLabel('省', { exact: true }).fill('上海市');
    await form.getByLabel('市', { exact: true }).fill('上海市');
    await form.getByLabel('区 / 县').fill('浦东新区');
    await form.getByLabel('详细地址（街道、门牌号）').fill('世纪大道 88 号');
    await form.getByRole('button', { name: '保存地址' }).click();
    await expect(form).toBeHidden();
    await expect(mine).toHaveAttribute('data-status', 'CLAIMED');
    const stored = await withDb(
      async (c) =>
        (await c.query('SELECT "claimAddress", "claimAddressParts" FROM "Win" WHERE id = $1', [winId])).rows[0],
    );
    expect(stored).toEqual({
      claimAddress: '上海市 上海市 浦东新区 世纪大道 88 号',
      claimAddressParts: {
        province: '上海市',
        city: '上海市',
        district: '浦东新区',
        street: '世纪大道 88 号',
        country: 'CN',
      },
    });
    const shipped = await request.post(`/api/manage/wins/${winId}/ship`, {
      headers: auth(),
      data: { carrier: 'SF Express', trackingNumber: 'SF1234567890' },
    });
    expect(shipped.status()).toBe(200);
    await page.goto('about:blank');
    await open(page, a.id, 'mei');
    await expect(mine).toHaveAttribute('data-status', 'SHIPPED');
    await expect(mine.getByTestId('carrier')).toHaveText('SF Express');
    await expect(mine.getByTestId('tracking-number')).toHaveText('SF1234567890');
    await expect(mine).toContainText('已发货');
    await shot(page, 'zh-shipped');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(
      axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
    ).toEqual([]);

    // The same page in English: the untranslated names.
    await page.getByRole('button', { name: '切换语言' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Spring Lucky Wheel');
    await expect(mine).toContainText('Power bank');
    await expect(mine.getByTestId('tracking-number')).toHaveText('SF1234567890');
    await shot(page, 'en-shipped');
    const axeEn = await new AxeBuilder({ page }).analyze();
    expect(axeEn.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
      [],
    );
    await zh.close();
  });
});

test.describe('the preview is the real page', () => {
  test.use({ locale: 'en-US', viewport: { width: 390, height: 844 } });

  test('preview and play page of one activity differ in at most 0.5 % of pixels', async ({ page, request }) => {
    const p = await prize(request, { name: 'Lantern lamp', kind: 'physical', stock: 10 });
    const q = await prize(request, { name: 'Tea voucher', kind: 'virtual', stock: 100 });
    const a = await liveActivity(request, {
      materials: { title: 'Lantern Festival Wheel', themeColor: '#b91c1c', rulesText: 'Three draws a day.' },
      limits: { freeDrawsPerDay: 3 },
      tiers: [
        { name: 'Lamp', probability: 0.05, stock: 10, prizes: [{ prizeId: p, quantity: 1 }] },
        { name: 'Tea', probability: 0.3, stock: 100, prizes: [{ prizeId: q, quantity: 1 }] },
      ],
    });
    // Without a token, or with a forged one, the draft's page is not there.
    expect((await request.get(`/play/${a.id}/preview`)).status()).toBe(404);
    expect((await request.get(`/play/${a.id}/preview?token=x.y`)).status()).toBe(404);
    const token = mintPreviewToken({ tenantId, activityId: a.id });
    const preview = await request.get(`/play/${a.id}/preview?token=${token}`);
    expect(preview.status()).toBe(200);
    expect(preview.headers()['content-security-policy']).toBe("frame-ancestors 'self'");
    expect(preview.headers()['cache-control']).toBe('no-store');

    await page.goto(`/play/${a.id}`);
    await expect(page.getByTestId('wheel')).toBeVisible();
    const real = await page.screenshot({ animations: 'disabled' });
    await page.goto(`/play/${a.id}/preview?token=${token}`);
    await expect(page.getByTestId('wheel')).toBeVisible();
    const previewShot = await page.screenshot({ animations: 'disabled' });
    const { differing, total } = await pixelDiff(real, previewShot, `${SHOTS}/h5-truth-preview-diff.png`);
    const percent = (differing / total) * 100;
    console.log(`preview vs play page: ${differing} of ${total} pixels differ (${percent.toFixed(3)} %)`);
    expect(percent).toBeLessThanOrEqual(0.5);
  });
});

/** Pixels whose colour differs by more than a rounding step; the diff image marks them red on a grey copy. */
async function pixelDiff(a: Buffer, b: Buffer, out: string): Promise<{ differing: number; total: number }> {
  const [ra, rb] = await Promise.all(
    [a, b].map((img) => sharp(img).ensureAlpha().raw().toBuffer({ resolveWithObject: true })),
  );
  expect([ra!.info.width, ra!.info.height]).toEqual([rb!.info.width, rb!.info.height]);
  const { width, height } = ra!.info;
  const diff = Buffer.alloc(width * height * 4);
  let differing = 0;
  for (let i = 0; i < width * height; i++) {
    const o = i * 4;
    const d = Math.max(
      Math.abs(ra!.data[o]! - rb!.data[o]!),
      Math.abs(ra!.data[o + 1]! - rb!.data[o + 1]!),
      Math.abs(ra!.data[o + 2]! - rb!.data[o + 2]!),
    );
    const grey = Math.round((ra!.data[o]! + ra!.data[o + 1]! + ra!.data[o + 2]!) / 3 / 3 + 170);
    if (d > 2) {
      differing++;
      diff.set([255, 0, 0, 255], o);
    } else diff.set([grey, grey, grey, 255], o);
  }
  await sharp(diff, { raw: { width, height, channels: 4 } })
    .png()
    .toFile(out);
  return { differing, total: width * height };
}
