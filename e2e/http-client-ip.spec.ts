// The client address over real HTTP against the production server (server.ts): the socket's
// peer unless TRUSTED_PROXY_COUNT says how many X-Forwarded-For entries our own proxies wrote;
// X-Real-IP and a client's copy of the internal header are never believed. Read back from the
// Draw rows: the one address a draw's risk check (blacklists, per-IP limits) and its record use.
// A second server with TRUSTED_PROXY_COUNT=1 runs beside the suite's own.
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { cliTenant, liveWheel, startServer, withDb } from './support';

test.describe.configure({ mode: 'serial' });

let tenant: Awaited<ReturnType<typeof cliTenant>>;
let activityId = '';
let proxied: Awaited<ReturnType<typeof startServer>>;

/** Draws once as a new user through `baseURL` with `headers`: the status, and the address its Draw row kept. */
async function drawFrom(request: APIRequestContext, baseURL: string, headers: Record<string, string>) {
  const user = `u-${randomUUID().slice(0, 8)}`;
  const res = await request.post(`${baseURL}/api/v1/activities/${activityId}/draws`, {
    headers: { authorization: `Bearer ${await tenant.userToken(user)}`, 'idempotency-key': randomUUID(), ...headers },
  });
  const ip = await withDb(
    async (c) => (await c.query('SELECT ip FROM "Draw" WHERE "userId" = $1', [user])).rows[0]?.ip ?? null,
  );
  return { status: res.status(), ip };
}

test.beforeAll(async ({ request }) => {
  tenant = await cliTenant(`ip-${randomBytes(4).toString('hex')}`);
  activityId = await liveWheel(request, tenant.apiKey);
  proxied = await startServer({ TRUSTED_PROXY_COUNT: '1' });
});

test.afterAll(async () => {
  await proxied?.stop();
});

test('with no trusted proxy (the default), X-Forwarded-For and X-Real-IP are ignored', async ({ request, baseURL }) => {
  const forwarded = { 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.8' };
  expect(await drawFrom(request, baseURL!, forwarded)).toEqual({ status: 200, ip: '127.0.0.1' });
});

test('with one trusted proxy, the address it appended: "a, b" is b', async ({ request }) => {
  const forwarded = { 'x-forwarded-for': '203.0.113.7, 198.51.100.23' };
  expect(await drawFrom(request, proxied.baseURL, forwarded)).toEqual({ status: 200, ip: '198.51.100.23' });
  // Without the header the request came straight to us: the socket peer.
  expect(await drawFrom(request, proxied.baseURL, {})).toEqual({ status: 200, ip: '127.0.0.1' });
});

test('the internal header a client sends is never believed, whatever it carries', async ({ request, baseURL }) => {
  for (const forged of ['203.0.113.9', 'x 203.0.113.9', `${'A'.repeat(43)} 203.0.113.9`]) {
    const own = { 'x-lottery-client-ip': forged };
    expect(await drawFrom(request, baseURL!, own)).toEqual({ status: 200, ip: '127.0.0.1' });
    const behindProxy = { 'x-lottery-client-ip': forged, 'x-forwarded-for': '198.51.100.24' };
    expect(await drawFrom(request, proxied.baseURL, behindProxy)).toEqual({ status: 200, ip: '198.51.100.24' });
  }
});
