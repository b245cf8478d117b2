// The client address over real HTTP against the production server (server.ts): the socket's
// peer unless TRUSTED_PROXY_COUNT says how many X-Forwarded-For entries our own proxies wrote;
// X-Real-IP and a client's copy of the internal header are never believed. Read back from the
// Draw rows: the one address a draw's risk check (blacklists, per-IP limits) and its record use.
// A second server with TRUSTED_PROXY_COUNT=1 runs beside the suite's own.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { SignJWT } from 'jose';
import { startServer, withDb } from './support';

test.describe.configure({ mode: 'serial' });

const tenantSlug = `ip-${randomBytes(4).toString('hex')}`;
let apiKey = '';
let userSecret = '';
let activityId = '';
let proxied: Awaited<ReturnType<typeof startServer>>;

const token = (userId: string) =>
  new SignJWT({ tid: tenantSlug }).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setExpirationTime('1h').sign(new TextEncoder().encode(userSecret));

/** Draws once as a new user through `baseURL` with `headers`; the answer's status and the address the Draw row kept. */
async function drawFrom(request: APIRequestContext, baseURL: string, headers: Record<string, string>) {
  const user = `u-${randomUUID().slice(0, 8)}`;
  const res = await request.post(`${baseURL}/api/v1/activities/${activityId}/draws`, {
    headers: { authorization: `Bearer ${await token(user)}`, 'idempotency-key': randomUUID(), ...headers },
  });
  const ip = await withDb(async (c) => (await c.query('SELECT ip FROM "Draw" WHERE "userId" = $1', [user])).rows[0]?.ip ?? null);
  return { status: res.status(), ip };
}

test.beforeAll(async ({ request }) => {
  apiKey = execFileSync('npx', ['tsx', 'scripts/apikey.ts', '--tenant', tenantSlug], { encoding: 'utf8' }).trim();
  userSecret = await withDb(async (c) => (await c.query('SELECT "userTokenSecret" FROM "Tenant" WHERE slug = $1', [tenantSlug])).rows[0].userTokenSecret);
  const headers = { authorization: `Bearer ${apiKey}` };
  const prize = await request.post('/api/manage/prizes', { headers, data: { name: 'Points', kind: 'points', stock: 1000 } });
  const now = Date.now();
  const created = await request.post('/api/manage/activities', {
    headers,
    data: {
      name: 'IP', gameplay: 'wheel', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), timezone: 'UTC',
      limits: { freeDrawsPerDay: 5 }, tiers: [{ name: 'Any', probability: 0.5, stock: 500, prizes: [{ prizeId: (await prize.json()).id, quantity: 1 }] }], tasks: [],
    },
  });
  activityId = (await created.json()).id;
  expect((await request.post(`/api/manage/activities/${activityId}/publish`, { headers })).status()).toBe(200);
  proxied = await startServer({ TRUSTED_PROXY_COUNT: '1' });
});

test.afterAll(async () => {
  await proxied?.stop();
});

test('with no trusted proxy (the default), X-Forwarded-For and X-Real-IP are ignored: the socket peer', async ({ request, baseURL }) => {
  expect(await drawFrom(request, baseURL!, { 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.8' })).toEqual({ status: 200, ip: '127.0.0.1' });
});

test('with one trusted proxy, the address it appended: "a, b" is b', async ({ request }) => {
  expect(await drawFrom(request, proxied.baseURL, { 'x-forwarded-for': '203.0.113.7, 198.51.100.23' })).toEqual({ status: 200, ip: '198.51.100.23' });
  // Without the header the request came straight to us: the socket peer.
  expect(await drawFrom(request, proxied.baseURL, {})).toEqual({ status: 200, ip: '127.0.0.1' });
});

test('the internal header a client sends is never believed, whatever it carries', async ({ request, baseURL }) => {
  for (const forged of ['203.0.113.9', 'x 203.0.113.9', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA 203.0.113.9']) {
    expect(await drawFrom(request, baseURL!, { 'x-lottery-client-ip': forged })).toEqual({ status: 200, ip: '127.0.0.1' });
    expect(await drawFrom(request, proxied.baseURL, { 'x-lottery-client-ip': forged, 'x-forwarded-for': '198.51.100.24' })).toEqual({ status: 200, ip: '198.51.100.24' });
  }
});
