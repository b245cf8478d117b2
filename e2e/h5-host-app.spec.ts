// The play page and its host app, in a real browser against the production build: only the
// tenant's host app origins may frame the page (CSP frame-ancestors), hand it a user token by
// postMessage and hear its 'lottery:ready'. The host app's pages come from two small servers on
// this machine (real ones: Chromium lets only local pages frame a local one): `host` is the
// tenant's configured origin, `evil` is not.
//
// Whether the page took a token is read from its own fetch calls: an init script records the
// Authorization header of every request the page makes, and counts the messages it receives
// (its listener runs before the page's own, in the same dispatch). After a message, two animation
// frames and tasks let the page's effects run: a token it took has been used by then.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { withDb } from './support';

const run = randomBytes(4).toString('hex');
const tenantSlug = `host-${run}`;
let userSecret = '';
let activityId = '';

const token = (userId: string) =>
  new SignJWT({ tid: tenantSlug }).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setExpirationTime('1h').sign(new TextEncoder().encode(userSecret));

type Watched = Window & { __messages: number; __auth: string[]; __appListening: boolean };

/** Watches every play page of the context: messages received, Authorization headers sent, the page's own listener. */
async function watchPlayPages(context: BrowserContext) {
  await context.addInitScript(() => {
    if (!location.pathname.startsWith('/play/')) return;
    const w = window as unknown as Watched;
    w.__messages = 0;
    w.__auth = [];
    w.__appListening = false;
    window.addEventListener('message', () => void w.__messages++);
    const add = window.addEventListener.bind(window);
    window.addEventListener = ((type: string, ...rest: Parameters<typeof add> extends [unknown, ...infer R] ? R : never) => {
      if (type === 'message') w.__appListening = true;
      return (add as (...a: unknown[]) => void)(type, ...rest);
    }) as typeof window.addEventListener;
    const realFetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const auth = new Headers(init?.headers).get('authorization');
      if (auth) w.__auth.push(auth.replace(/^Bearer /, ''));
      return realFetch(input, init);
    };
  });
}

/** Lets the page's effects run: two rounds of an animation frame and a task. */
const settle = (frame: Frame | Page) =>
  frame.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => setTimeout(r, 0)), 0))));

/** A web server of "another site" on this machine: serves whatever page the test put at a path. */
async function siteServer(): Promise<{ origin: string; pages: Map<string, string>; server: Server }> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const html = pages.get(req.url ?? '');
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://localhost:${(server.address() as AddressInfo).port}`, pages, server };
}

let host: Awaited<ReturnType<typeof siteServer>>;
let evil: Awaited<ReturnType<typeof siteServer>>;

test.beforeAll(async ({ request }) => {
  [host, evil] = await Promise.all([siteServer(), siteServer()]);
  const apiKey = execFileSync('npx', ['tsx', 'scripts/apikey.ts', '--tenant', tenantSlug], { encoding: 'utf8' }).trim();
  userSecret = await withDb(async (c) => {
    await c.query('UPDATE "Tenant" SET "hostAppOrigins" = $2 WHERE slug = $1', [tenantSlug, [host.origin]]);
    return (await c.query('SELECT "userTokenSecret" FROM "Tenant" WHERE slug = $1', [tenantSlug])).rows[0].userTokenSecret;
  });
  const headers = { authorization: `Bearer ${apiKey}` };
  const prize = await request.post('/api/manage/prizes', { headers, data: { name: 'Points', kind: 'points', stock: 100 } });
  const now = Date.now();
  const created = await request.post('/api/manage/activities', {
    headers,
    data: {
      name: 'Embedded', gameplay: 'wheel', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), timezone: 'UTC',
      limits: { freeDrawsPerDay: 3 }, tiers: [{ name: 'Any', probability: 0.5, stock: 50, prizes: [{ prizeId: (await prize.json()).id, quantity: 1 }] }], tasks: [],
    },
  });
  activityId = (await created.json()).id;
  expect((await request.post(`/api/manage/activities/${activityId}/publish`, { headers })).status()).toBe(200);
});

test.afterAll(async () => {
  for (const site of [host, evil]) site?.server.closeAllConnections();
  await Promise.all([host, evil].map((site) => site && new Promise((r) => site.server.close(r))));
});

test.describe('h5 play page and its host app', () => {
  test.use({ locale: 'en-US' });

  test('framed by the configured host app: it hears lottery:ready and its token is taken', async ({ page, context, baseURL }) => {
    await watchPlayPages(context);
    const alice = await token('alice');
    host.pages.set('/embed', `<!doctype html><body><iframe id="play" src="${baseURL}/play/${activityId}" width="390" height="700"></iframe><script>
      window.ready = [];
      addEventListener('message', (e) => {
        if (!e.data || e.data.type !== 'lottery:ready') return;
        window.ready.push(e.origin + ' ' + e.data.activityId);
        document.getElementById('play').contentWindow.postMessage({ type: 'lottery:token', token: ${JSON.stringify(alice)} }, ${JSON.stringify(baseURL)});
      });
    </script></body>`);
    await page.goto(`${host.origin}/embed`);
    await expect(page.frameLocator('#play').getByTestId('chances-count')).toHaveText('3');
    expect(await page.evaluate(() => (window as unknown as { ready: string[] }).ready)).toEqual([`${baseURL} ${activityId}`]);
  });

  test('opened by the configured host app: its token is taken too', async ({ page, context, baseURL }) => {
    await watchPlayPages(context);
    host.pages.set('/launcher', `<!doctype html><body><button id="open" onclick="window.play = window.open('${baseURL}/play/${activityId}')">Play</button></body>`);
    await page.goto(`${host.origin}/launcher`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#open')]);
    await popup.waitForFunction(() => (window as unknown as Watched).__appListening);
    const bob = await token('bob');
    await page.evaluate(([t, origin]) => (window as unknown as { play: Window }).play.postMessage({ type: 'lottery:token', token: t }, origin!), [bob, baseURL] as const);
    await popup.waitForFunction(() => (window as unknown as Watched).__messages === 1);
    await settle(popup);
    expect(await popup.evaluate(() => (window as unknown as Watched).__auth)).toContain(bob);
    await expect(popup.getByTestId('chances-count')).toHaveText('3');
  });

  test('opened by any other origin: the token it posts is ignored', async ({ page, context, baseURL }) => {
    await watchPlayPages(context);
    evil.pages.set('/launcher', `<!doctype html><body><button id="open" onclick="window.play = window.open('${baseURL}/play/${activityId}')">Play</button></body>`);
    await page.goto(`${evil.origin}/launcher`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#open')]);
    await popup.waitForFunction(() => (window as unknown as Watched).__appListening);
    const mallory = await token('mallory');
    await page.evaluate(([t]) => (window as unknown as { play: Window }).play.postMessage({ type: 'lottery:token', token: t }, '*'), [mallory] as const);
    await popup.waitForFunction(() => (window as unknown as Watched).__messages === 1);
    await settle(popup);
    expect(await popup.evaluate(() => (window as unknown as Watched).__auth)).toEqual([]);
    await expect(popup.getByTestId('chances-count')).toHaveText('–');
  });

  test('framed by any other origin: the browser refuses to show it, so nothing is posted to it', async ({ page, context, baseURL }) => {
    await watchPlayPages(context);
    const mallory = await token('mallory');
    evil.pages.set('/embed', `<!doctype html><body><iframe id="play" src="${baseURL}/play/${activityId}" width="390" height="700"></iframe><script>
      const frame = document.getElementById('play');
      frame.addEventListener('load', () => {
        frame.contentWindow.postMessage({ type: 'lottery:token', token: ${JSON.stringify(mallory)} }, '*');
        window.loaded = true;
      });
    </script></body>`);
    const played: string[] = [];
    page.on('request', (r) => r.url().includes('/api/v1/') && played.push(r.url()));
    await page.goto(`${evil.origin}/embed`);
    await page.waitForFunction(() => (window as unknown as { loaded?: boolean }).loaded);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame.url()).not.toContain(`/play/${activityId}`);
    expect(played).toEqual([]);
  });
});
