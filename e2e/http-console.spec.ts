// The console's edges over real HTTP against the production server (server.ts): it refuses to
// start on the development secret, cannot be framed (the play page only by its host app), refuses
// a cross-origin server action with 403, redirects only to its own paths after sign-in, throttles
// sign-in per account and per address (429 with Retry-After) and records every failure.
// Throttling runs against a second server with TRUSTED_PROXY_COUNT=1, so each case can come from
// addresses of its own (X-Forwarded-For) and the suite's own address is never locked out.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { hashPassword } from '../lib/auth/password';
import { cliTenant, DEMO_PASSWORD, liveWheel, startServer, withDb } from './support';

test.describe.configure({ mode: 'serial' });

const run = randomBytes(4).toString('hex');
const randomIp = () => `10.${[...randomBytes(3)].join('.')}`;
let proxied: Awaited<ReturnType<typeof startServer>>;

type SignIn = { email: string; password: string; callbackUrl?: string; ip?: string };

/** next-auth's credentials sign-in as its browser client does it (json=true); the raw answer. */
async function postSignIn(
  request: APIRequestContext,
  baseURL: string,
  { email, password, callbackUrl = '/', ip }: SignIn,
) {
  const csrfToken = (await (await request.get(`${baseURL}/api/auth/csrf`)).json()).csrfToken as string;
  return request.post(`${baseURL}/api/auth/callback/credentials`, {
    form: { email, password, csrfToken, callbackUrl, json: 'true' },
    headers: ip ? { 'x-forwarded-for': ip } : {},
    maxRedirects: 0,
  });
}

/** The error code next-auth's client would read from the answer. */
async function errorOf(res: { json: () => Promise<unknown> }) {
  return new URL(((await res.json()) as { url: string }).url).searchParams.get('error');
}

/** A new operator with a known password, straight into the database. */
async function newOperator(label: string): Promise<{ id: string; email: string; password: string }> {
  const email = `${label}-${run}@edge.test`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const passwordHash = await hashPassword(password);
  const id = await withDb(async (c) => {
    const sql =
      'INSERT INTO "Operator" (id, email, name, "passwordHash", "updatedAt") ' +
      'VALUES (gen_random_uuid(), $1, $2, $3, now()) RETURNING id';
    return (await c.query<{ id: string }>(sql, [email, label, passwordHash])).rows[0]!.id;
  });
  return { id, email, password };
}

test.beforeAll(async () => {
  proxied = await startServer({ TRUSTED_PROXY_COUNT: '1' });
});

test.afterAll(async () => {
  await proxied?.stop();
});

test('the production server refuses to start on the development AUTH_SECRET, in one line', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  delete env.AUTH_SECRET;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server.ts', '-p', '1', '-H', '127.0.0.1'], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.status).toBe(1);
  expect(r.stderr.trim().split('\n').at(-1)).toMatch(
    /^server\.ts: configuration error: AUTH_SECRET: the built-in development secret .* in production; /,
  );
});

test("console pages cannot be framed; the play page only by its tenant's host app", async ({ request }) => {
  for (const path of ['/signin', '/', '/t/demo/activities', '/invite/nothing', '/api/auth/csrf']) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.headers()['x-frame-options'], path).toBe('DENY');
    expect(res.headers()['content-security-policy'], path).toBe("frame-ancestors 'none'");
  }
  const slug = `frame-${run}`;
  const { apiKey } = await cliTenant(slug);
  await withDb((c) =>
    c.query('UPDATE "Tenant" SET "hostAppOrigins" = $2 WHERE slug = $1', [slug, ['https://host.example']]),
  );
  const id = await liveWheel(request, apiKey);
  for (const path of [`/play/${id}`, `/play/${id}/rules`]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['x-frame-options'], path).toBeUndefined();
    expect(res.headers()['content-security-policy'], path).toBe('frame-ancestors https://host.example');
  }
});

test('a server action from another origin is 403, not 500', async ({ request, baseURL }) => {
  const action = { 'next-action': `7f${'0'.repeat(40)}`, 'content-type': 'text/plain;charset=UTF-8' };
  for (const origin of ['https://evil.test', 'null', baseURL!.replace('127.0.0.1', 'localhost')]) {
    const res = await request.post('/t/demo/settings', { headers: { ...action, origin }, data: '[]', maxRedirects: 0 });
    expect(res.status(), origin).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: 'FORBIDDEN', message: expect.stringContaining('server action') },
    });
  }
  const formPost = { headers: { origin: 'https://evil.test' }, multipart: { '1_$ACTION_ID_x': '' }, maxRedirects: 0 };
  expect((await request.post('/t/demo/settings', formPost)).status()).toBe(403);
  // The same origin passes on to Next, which answers for itself (an unknown action: a 4xx).
  const own = await request.post('/t/demo/settings', {
    headers: { ...action, origin: baseURL! },
    data: '[]',
    maxRedirects: 0,
  });
  expect(own.status()).not.toBe(403);
  expect(own.status()).toBeLessThan(500);
});

test('after sign-in the console goes only to its own paths, whatever callbackUrl says', async ({ baseURL }) => {
  const hostile = [
    '//evil.test',
    '/\\evil.test',
    '/.//evil.test',
    '\\\\evil.test',
    '/%2f%2fevil.test',
    '/%5cevil.test',
    'https://evil.test/',
    'javascript:alert(1)',
  ];
  const ctx = await playwrightRequest.newContext({ baseURL });
  try {
    const owner = { email: 'owner@demo.test', password: DEMO_PASSWORD };
    const signedIn = await postSignIn(ctx, baseURL!, { ...owner, callbackUrl: '/.//evil.test' });
    expect(signedIn.status()).toBe(200);
    expect((await signedIn.json()).url).toBe(`${baseURL}/`);
    for (const callbackUrl of hostile) {
      const res = await ctx.get(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`, { maxRedirects: 0 });
      expect(res.status(), callbackUrl).toBe(307);
      expect(res.headers().location, callbackUrl).toBe('/');
      const viaNextAuth = await postSignIn(ctx, baseURL!, { ...owner, callbackUrl });
      expect((await viaNextAuth.json()).url, callbackUrl).toBe(`${baseURL}/`);
    }
    const own = await ctx.get(`/signin?callbackUrl=${encodeURIComponent('/t/demo/audit?object=Activity')}`, {
      maxRedirects: 0,
    });
    expect(own.headers().location).toBe('/t/demo/audit?object=Activity');
  } finally {
    await ctx.dispose();
  }
});

test('the sign-in page explains a refused sign-in, and never repeats what the address said', async ({ request }) => {
  const throttled = await (await request.get('/signin?error=TooManyAttempts')).text();
  expect(throttled).toContain('Too many failed sign-ins for this account or from your network.');
  const other = await (await request.get(`/signin?error=${encodeURIComponent('<b>call 555</b>')}`)).text();
  expect(other).toContain('Sign-in failed. Try again in a moment.');
  expect(other).not.toContain('call 555');
});

test('five wrong passwords for an account: 429 from any address, each failure kept without the password', async ({
  request,
}) => {
  const op = await newOperator('acct');
  const ip = randomIp();
  for (let i = 0; i < 5; i++) {
    const res = await postSignIn(request, proxied.baseURL, {
      email: op.email,
      password: `wrong-${op.password}-${i}`,
      ip,
    });
    expect(res.status()).toBe(401);
    expect(await errorOf(res)).toBe('CredentialsSignin');
  }
  for (const from of [ip, randomIp()]) {
    const res = await postSignIn(request, proxied.baseURL, { email: op.email, password: op.password, ip: from });
    expect(res.status()).toBe(429);
    const wait = Number(res.headers()['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    expect(await errorOf(res)).toBe('TooManyAttempts');
    expect(res.headers()['set-cookie'] ?? '').not.toContain('session-token');
  }
  const rows = await withDb(
    async (c) => (await c.query('SELECT * FROM "SignInFailure" WHERE "operatorId" = $1', [op.id])).rows,
  );
  expect(rows).toHaveLength(5);
  expect(rows.every((r) => r.email === op.email && r.ip === ip && r.reason === 'wrong_password')).toBe(true);
  expect(JSON.stringify(rows)).not.toContain(op.password);
});

test('twenty failures from one address: 429 there for every account, while others still sign in', async ({
  request,
}) => {
  const op = await newOperator('victim');
  const ip = randomIp();
  for (let i = 0; i < 20; i++) {
    const res = await postSignIn(request, proxied.baseURL, {
      email: `nobody-${i}-${run}@edge.test`,
      password: 'guess',
      ip,
    });
    expect(res.status()).toBe(401);
  }
  const recorded = await withDb(async (c) => {
    const sql = 'SELECT count(*)::int AS n FROM "SignInFailure" WHERE ip = $1 AND reason = $2 AND "operatorId" IS NULL';
    return (await c.query<{ n: number }>(sql, [ip, 'unknown_email'])).rows[0]!.n;
  });
  expect(recorded).toBe(20);
  const refused = await postSignIn(request, proxied.baseURL, { email: op.email, password: op.password, ip });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
  const elsewhere = await postSignIn(request, proxied.baseURL, {
    email: op.email,
    password: op.password,
    ip: randomIp(),
  });
  expect(elsewhere.status()).toBe(200);
  expect(elsewhere.headers()['set-cookie']).toContain('next-auth.session-token=');
});
