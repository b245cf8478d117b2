// What the Playwright specs share: the seeded demo's sign-in, a direct database connection
// for checks against the records, and screenshots named by spec.
import { execFileSync, spawn } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import pg from 'pg';

/** The seeded demo logins' password (prisma/seed.ts). */
export const DEMO_PASSWORD = 'lottery-demo-1';

/** Signs in and waits for the tenant's activities page (a cold server may take a while). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/t\/[\w-]+\/activities$/, { timeout: 30_000 });
}

/** Runs `fn` with a connection to the database the server under test uses. */
export async function withDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/lottery',
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Full-page screenshots into e2e/screenshots/<prefix>-<name>.png. */
export function screenshots(prefix: string) {
  return (page: Page, name: string) =>
    page.screenshot({ path: `e2e/screenshots/${prefix}-${name}.png`, fullPage: true, animations: 'disabled' });
}

/** A repository script (`scripts/<script>.ts`: token, apikey, …) run with the spec's environment; its output lines. */
export const cli = (script: string, args: string[]) =>
  execFileSync('npx', ['tsx', `scripts/${script}.ts`, ...args], { encoding: 'utf8', env: process.env })
    .trim()
    .split('\n');

/** A management API call with an API key that must succeed; its JSON answer. */
export async function manage(request: APIRequestContext, key: string, method: string, path: string, data?: object) {
  const res = await request.fetch(`/api/manage${path}`, {
    method,
    headers: { authorization: `Bearer ${key}` },
    ...(data ? { data } : {}),
  });
  expect(res.ok(), `${method} ${path}: ${await res.text()}`).toBe(true);
  return res.json();
}

/** The page is no wider than the window. */
export async function expectNoHorizontalOverflow(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/** Opens a new draft of the demo tenant in the editor, once the activities page is hydrated. */
export async function newDraft(page: Page) {
  await page.goto('/t/demo/activities');
  // Once hydrated (a click before that does nothing); each click that lands makes a draft.
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'New activity' }).click();
  await expect(page).toHaveURL(/\/t\/demo\/activities\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
}

/** Selects hours `from`..`to` of grid row `row` (0 is every day) of a tier and sets their odds. */
export async function setSegment(page: Page, tier: number, row: number, [from, to]: [number, number], percent: string) {
  const grid = page.getByTestId('tier').nth(tier).getByTestId('segment-grid');
  await grid.locator(`[data-cell="${row}-${from}"]`).click();
  await grid.locator(`[data-cell="${row}-${to}"]`).click({ modifiers: ['Shift'] });
  await grid.getByLabel('Odds for the selected hours (%)').fill(percent);
  await grid.getByRole('button', { name: 'Set odds' }).click();
}

/** The console's server actions: POSTs to the page itself, told apart by their Next-Action header. */
export function isServerAction(route: { request(): { method(): string; headers(): Record<string, string> } }) {
  return route.request().method() === 'POST' && Boolean(route.request().headers()['next-action']);
}

/** Fills tier `i` of the activity editor: name, odds in %, stock and its first prize (by label). */
export async function fillTier(
  page: Page,
  i: number,
  { name, odds, stock, prize }: { name: string; odds: string; stock: string; prize: string },
) {
  const tier = page.getByTestId('tier').nth(i);
  await tier.getByLabel('Tier name').fill(name);
  await tier.getByLabel('Odds (%)').fill(odds);
  await tier.getByLabel('Stock (wins)').fill(stock);
  await tier.getByLabel(`Prize 1 of tier ${i + 1}`, { exact: true }).selectOption({ label: prize });
}

/**
 * The editor's three tiers both console journeys build: a grand prize (phone, 0.5 %, 5 wins),
 * a bundle (a tote and two coupons, 5 %, 50 wins) and a coupon tier at `couponOdds` %.
 */
export async function fillThreeTiers(
  page: Page,
  prizes: { phone: string; tote: string; coupon: string },
  couponOdds: string,
) {
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Add tier' }).click();
  const tiers = page.getByTestId('tier');
  await expect(tiers).toHaveCount(3);
  await fillTier(page, 0, { name: 'Grand prize', odds: '0.5', stock: '5', prize: prizes.phone });
  await fillTier(page, 1, { name: 'Bundle prize', odds: '5', stock: '50', prize: prizes.tote });
  await tiers.nth(1).getByRole('button', { name: '+ Add a prize to this tier' }).click();
  await tiers.nth(1).getByLabel('Prize 2 of tier 2', { exact: true }).selectOption({ label: prizes.coupon });
  await tiers.nth(1).getByLabel('Quantity of prize 2 of tier 2').fill('2');
  await fillTier(page, 2, { name: 'Coupon', odds: couponOdds, stock: '1000', prize: prizes.coupon });
  return tiers;
}

export type StartedServer = { baseURL: string; stop: () => Promise<void> };

/**
 * Another production server (server.ts, the build under test) on a free port with extra
 * settings, e.g. TRUSTED_PROXY_COUNT; same database and Redis prefix as the main one.
 */
export async function startServer(env: Record<string, string>): Promise<StartedServer> {
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
    probe.on('error', reject);
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, PORT: String(port), PUBLIC_URL: baseURL, NEXTAUTH_URL: baseURL, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server.ts exited: ${stderr}`);
    const up = await fetch(`${baseURL}/api/health/live`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 240) throw new Error(`server.ts did not answer on ${baseURL}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseURL,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export type CliTenant = { apiKey: string; userToken: (userId: string) => Promise<string> };

/**
 * A fresh tenant made as an operator would (`npm run apikey`): its management API key, and user
 * tokens signed with its secret.
 */
export async function cliTenant(slug: string): Promise<CliTenant> {
  const apiKey = execFileSync('npx', ['tsx', 'scripts/apikey.ts', '--tenant', slug], { encoding: 'utf8' }).trim();
  const secret = await withDb(async (c) => {
    const sql = 'SELECT "userTokenSecret" FROM "Tenant" WHERE slug = $1';
    const { rows } = await c.query<{ userTokenSecret: string }>(sql, [slug]);
    return rows[0]!.userTokenSecret;
  });
  const key = new TextEncoder().encode(secret);
  const userToken = (userId: string) =>
    new SignJWT({ tid: slug })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setExpirationTime('1h')
      .sign(key);
  return { apiKey, userToken };
}

/** A live wheel through the management API: one tier (even odds) of a points prize. */
export async function liveWheel(request: APIRequestContext, apiKey: string, { freeDrawsPerDay = 1 } = {}) {
  const headers = { authorization: `Bearer ${apiKey}` };
  const prizeSpec = { name: 'Points', kind: 'points', stock: 1000 };
  const prize = await request.post('/api/manage/prizes', { headers, data: prizeSpec });
  const prizeId = (await prize.json()).id as string;
  const now = Date.now();
  const created = await request.post('/api/manage/activities', {
    headers,
    data: {
      name: 'Wheel',
      gameplay: 'wheel',
      timezone: 'UTC',
      tasks: [],
      limits: { freeDrawsPerDay },
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
      tiers: [{ name: 'Any', probability: 0.5, stock: 500, prizes: [{ prizeId, quantity: 1 }] }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = (await created.json()).id as string;
  expect((await request.post(`/api/manage/activities/${id}/publish`, { headers })).status()).toBe(200);
  return id;
}
