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
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { cliTenant, liveWheel, withDb } from './support';

const tenantSlug = `host-${randomBytes(4).toString('hex')}`;
let tenant: Awaited<ReturnType<typeof cliTenant>>;
let activityId = '';

type Watched = Window & { __messages: number; __auth: string[]; __appListening: boolean };
type Opener = Window & { play: Window; ready: string[] };

/** Watches every play page of the context: messages received, Authorization headers sent, the page's own listener. */
async function watchPlayPages(context: BrowserContext) {
  await context.addInitScript(() => {
    if (!location.pathname.startsWith('/play/')) return;
    const w = window as unknown as Watched;
    w.__messages = 0;
    w.__auth = [];
    w.__appListening = false;
    window.addEventListener('message', () => void w.__messages++);
    const add = window.addEventListener.bind(window) as (...args: unknown[]) => void;
    window.addEventListener = ((type: string, ...rest: unknown[]) => {
      if (type === 'message') w.__appListening = true;
      add(type, ...rest);
    }) as typeof window.addEventListener;
    const realFetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const auth = new Headers(init?.headers).get('authorization');
      if (auth) w.__auth.push(auth.replace(/^Bearer /, ''));
      return realFetch(input, init);
    };
  });
}

/** The Authorization headers (tokens) the play page sent so far. */
const tokensSent = (popup: Page) => popup.evaluate(() => (window as unknown as Watched).__auth);

/** Lets the page's effects run: two rounds of an animation frame and a task. */
const settle = (frame: Frame | Page) =>
  frame.evaluate(
    () =>
      new Promise<void>((r) =>
        requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => setTimeout(r, 0)), 0)),
      ),
  );

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

const framing = (playUrl: string, script: string) =>
  `<!doctype html><body><iframe id="play" src="${playUrl}" width="390" height="700"></iframe>` +
  `<script>${script}</script></body>`;
const launcher = (playUrl: string) =>
  `<!doctype html><body><button id="open" onclick="window.play = window.open('${playUrl}')">Play</button></body>`;

/** Opens the play page from `site`'s launcher; the popup once the page listens for messages. */
async function openFrom(page: Page, site: typeof host) {
  await page.goto(`${site.origin}/launcher`);
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#open')]);
  await popup.waitForFunction(() => (window as unknown as Watched).__appListening);
  return popup;
}

/** Posts a token from the opener to the popup, waits until the popup received it and its effects ran. */
async function postToken(opener: Page, popup: Page, token: string, targetOrigin: string) {
  const message = { type: 'lottery:token', token };
  await opener.evaluate(([m, o]) => (window as unknown as Opener).play.postMessage(m, o), [
    message,
    targetOrigin,
  ] as const);
  await popup.waitForFunction(() => (window as unknown as Watched).__messages === 1);
  await settle(popup);
}

test.beforeAll(async ({ request }) => {
  [host, evil] = await Promise.all([siteServer(), siteServer()]);
  tenant = await cliTenant(tenantSlug);
  await withDb((c) =>
    c.query('UPDATE "Tenant" SET "hostAppOrigins" = $2 WHERE slug = $1', [tenantSlug, [host.origin]]),
  );
  activityId = await liveWheel(request, tenant.apiKey, { freeDrawsPerDay: 3 });
});

test.afterAll(async () => {
  for (const site of [host, evil]) site?.server.closeAllConnections();
  await Promise.all([host, evil].map((site) => site && new Promise((r) => site.server.close(r))));
});

test.describe('h5 play page and its host app', () => {
  test.use({ locale: 'en-US' });

  test('framed by the configured host app: it hears lottery:ready and its token is taken', async ({
    page,
    context,
    baseURL,
  }) => {
    await watchPlayPages(context);
    const alice = await tenant.userToken('alice');
    host.pages.set(
      '/embed',
      framing(
        `${baseURL}/play/${activityId}`,
        `
      window.ready = [];
      addEventListener('message', (e) => {
        if (!e.data || e.data.type !== 'lottery:ready') return;
        window.ready.push(e.origin + ' ' + e.data.activityId);
        const token = ${JSON.stringify(alice)};
        const play = document.getElementById('play').contentWindow;
        play.postMessage({ type: 'lottery:token', token }, ${JSON.stringify(baseURL)});
      });`,
      ),
    );
    await page.goto(`${host.origin}/embed`);
    await expect(page.frameLocator('#play').getByTestId('chances-count')).toHaveText('3');
    expect(await page.evaluate(() => (window as unknown as Opener).ready)).toEqual([`${baseURL} ${activityId}`]);
  });

  test('opened by the configured host app: its token is taken too', async ({ page, context, baseURL }) => {
    await watchPlayPages(context);
    host.pages.set('/launcher', launcher(`${baseURL}/play/${activityId}`));
    const popup = await openFrom(page, host);
    const bob = await tenant.userToken('bob');
    await postToken(page, popup, bob, baseURL!);
    expect(await tokensSent(popup)).toContain(bob);
    await expect(popup.getByTestId('chances-count')).toHaveText('3');
  });

  test('opened by any other origin: the token it posts is ignored', async ({ page, context, baseURL }) => {
    await watchPlayPages(context);
    evil.pages.set('/launcher', launcher(`${baseURL}/play/${activityId}`));
    const popup = await openFrom(page, evil);
    await postToken(page, popup, await tenant.userToken('mallory'), '*');
    expect(await tokensSent(popup)).toEqual([]);
    await expect(popup.getByTestId('chances-count')).toHaveText('–');
  });

  test('framed by any other origin: the browser refuses to show it, so nothing is posted to it', async ({
    page,
    context,
    baseURL,
  }) => {
    await watchPlayPages(context);
    const mallory = await tenant.userToken('mallory');
    evil.pages.set(
      '/embed',
      framing(
        `${baseURL}/play/${activityId}`,
        `
      const frame = document.getElementById('play');
      frame.addEventListener('load', () => {
        frame.contentWindow.postMessage({ type: 'lottery:token', token: ${JSON.stringify(mallory)} }, '*');
        window.loaded = true;
      });`,
      ),
    );
    const played: string[] = [];
    page.on('request', (r) => void (r.url().includes('/api/v1/') && played.push(r.url())));
    await page.goto(`${evil.origin}/embed`);
    await page.waitForFunction(() => (window as unknown as { loaded?: boolean }).loaded);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame.url()).not.toContain(`/play/${activityId}`);
    expect(played).toEqual([]);
  });
});
