// GET /api/docs: the API reference for people, rendered from the OpenAPI document by the
// production server: every documented operation and webhook on it, nothing loaded from outside.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

/** The viewport only: the whole page is tens of thousands of pixels tall. */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e/screenshots/console-api-docs-${name}.png`, animations: 'disabled' });

test('the API reference lists every operation by tag, its schemas and the webhooks, with no outside asset', async ({
  page,
  request,
  baseURL,
}) => {
  const document = await (await request.get('/api/v1/openapi.json')).json();
  const outside: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).origin !== new URL(baseURL!).origin) outside.push(r.url());
  });
  const res = await page.goto('/api/docs');
  expect(res?.status()).toBe(200);
  expect(res?.headers()['content-type']).toContain('text/html');
  await expect(page.getByRole('heading', { level: 1, name: 'Lottery platform API' })).toBeVisible();

  // One read of the page's section ids: the page is long, one assertion per section is slow.
  const slug = (x: string) => x.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const sections = await page.locator('section.op').evaluateAll((els) => els.map((e) => e.id));
  const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
    ['get', 'post', 'put', 'patch', 'delete'].filter((m) => ops[m]).map((m) => `op-${m}-${slug(p)}`),
  );
  expect(operations.length).toBeGreaterThan(50);
  expect(operations.filter((id) => !sections.includes(id))).toEqual([]);
  const hooks = Object.keys(document.webhooks).map((h) => `hook-post-${slug(h)}`);
  expect(hooks.filter((id) => !sections.includes(id))).toEqual([]);
  for (const tag of ['End users', 'Host app', 'Prizes', 'Activities', 'Webhook endpoints'])
    await expect(page.locator(`main h2#tag-${slug(tag)}`)).toHaveText(tag);

  const draw = page.locator('section#op-post-api-v1-activities-activityId-draws');
  await expect(draw).toContainText('Idempotency-Key');
  await expect(draw.getByRole('link', { name: 'Draw' })).toBeVisible();
  await draw.getByText('Example').first().click();
  await expect(draw.locator('pre').first()).toContainText('"drawId"');
  await shot(page, 'top');
  await page.goto('/api/docs#op-post-api-manage-activities');
  await shot(page, 'create-activity');

  expect(outside).toEqual([]);
  // Every section is built by the same few functions: the navigation, one operation and one schema stand for all.
  const { violations } = await new AxeBuilder({ page })
    .include('nav')
    .include('main > h1')
    .include('#op-post-api-v1-activities-activityId-draws')
    .include('#schema-Draw')
    .analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
