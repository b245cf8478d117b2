// The hot lane in front of a stand-in for Next: which requests it answers itself (the end-user
// routes, as their route files do) and which it leaves to Next untouched.
import { once } from 'node:events';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { loadHotRoutes, nextCompression } from '@/hot-routes';
import { createHotLane } from '@/lib/http/hot-lane';
import { jsonResponse } from '@/lib/json-response';
import { bearer, freshTenant } from '../helpers/fixtures';
import { liveActivity } from '../helpers/activities';

let server: Server;
let base = '';
let token = '';
let activityId = '';
let gzipUserToken = '';

beforeAll(async () => {
  const t = await freshTenant();
  token = await t.userToken('lane-user');
  gzipUserToken = await t.userToken('lane-gzip-user');
  const { activity } = await liveActivity((ids) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: ids[0]! }] }], {
    tenant: t,
  });
  activityId = activity.id;
  // Next's stand-in: any request it gets says so.
  const fallback = (req: IncomingMessage, res: ServerResponse) => res.writeHead(599, { 'x-next': req.url ?? '' }).end();
  const lane = createHotLane({ routes: await loadHotRoutes(), fallback });
  server = createServer(lane).listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

type HeaderMap = Record<string, string | string[] | undefined>;
type Sent = { status: number; headers: HeaderMap; json: unknown };

/** One request over a fresh connection to `baseUrl`; the answer's body as its bytes. */
function exchange(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
  chunked = false,
): Promise<{ status: number; headers: HeaderMap; body: Buffer }> {
  return new Promise((resolve, reject) => {
    // The path as given, not parsed as a URL, which would resolve dot segments, `\` and `#`.
    const { hostname, port } = new URL(baseUrl);
    const req = httpRequest({ hostname, port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (body !== undefined && !chunked) req.setHeader('content-length', Buffer.byteLength(body));
    req.end(body);
  });
}

async function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
  chunked = false,
): Promise<Sent> {
  const res = await exchange(base, method, path, headers, body, chunked);
  const text = res.body.toString('utf8');
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

describe('the hot lane', () => {
  it('answers the end-user routes itself, ids in any case, with the API headers Next adds', async () => {
    const auth = bearer(token);
    const view = await send('GET', `/api/v1/activities/${activityId.toUpperCase()}`, auth);
    expect(view.status).toBe(200);
    expect((view.json as { id: string }).id).toBe(activityId);
    expect(view.headers['x-frame-options']).toBe('DENY');
    expect(view.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(view.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await send('GET', `/api/v1/activities/${activityId}/me?x=1`, auth)).status).toBe(200);
    const drawn = await send('POST', `/api/v1/activities/${activityId}/draws`, { ...auth, 'idempotency-key': 'k-1' });
    expect(drawn.status).toBe(200);
    expect((await send('GET', '/api/v1/me/wins', auth)).status).toBe(200);
    const task = await send(
      'POST',
      `/api/v1/activities/${activityId}/tasks/00000000-0000-4000-8000-000000000000/complete`,
      auth,
    );
    expect(task.status).toBe(404);
    expect((await send('POST', '/api/v1/events', { 'content-type': 'application/json' }, '{}')).status).toBe(401);
  });

  it('answers whatever Host a client sends: the url a handler reads is never made from it', async () => {
    const auth = bearer(token);
    for (const host of ['user:pw@h', 'h@evil.example', 'a b', '[::1]:x', 'evil.example']) {
      for (const path of [
        `/api/v1/activities/${activityId}/me?lang=en`,
        `/api/v1/activities/${activityId}`,
        '/api/v1/me/wins',
      ]) {
        const answer = await send('GET', path, { ...auth, host });
        expect(answer.status, `${host} ${path}: ${JSON.stringify(answer.json)}`).toBe(200);
      }
    }
  });

  it('answers other methods as the route files do: 405 with Allow, OPTIONS, HEAD', async () => {
    const wrong = await send('GET', `/api/v1/activities/${activityId}/draws`, bearer(token));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('OPTIONS, POST');
    expect((wrong.json as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
    expect((await send('OPTIONS', '/api/v1/me/wins')).headers.allow).toBe('GET, HEAD, OPTIONS');
    expect((await send('HEAD', '/api/v1/me/wins', bearer(token))).status).toBe(200);
  });

  it('refuses a body over 64 KiB, declared or streamed, and a wrong content type', async () => {
    const claim = '/api/v1/wins/00000000-0000-4000-8000-000000000000/claim';
    const json = { ...bearer(token), 'content-type': 'application/json' };
    const big = JSON.stringify({ name: 'x'.repeat(70 * 1024) });
    expect((await send('POST', claim, json, big)).status).toBe(413);
    expect((await send('POST', claim, json, big, true)).status).toBe(413);
    expect((await send('POST', claim, bearer(token), '{}')).status).toBe(415);
    expect((await send('POST', claim, json, '{"name":')).status).toBe(400);
  });

  it('after a body it cut short, closes the connection, so the next request on a kept-alive socket is answered', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const onAgent = (method: string, path: string, body?: string) =>
      new Promise<{ status: number; connection?: string }>((resolve, reject) => {
        const headers: Record<string, string | number> = { ...bearer(token), 'content-type': 'application/json' };
        if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
        const req = httpRequest(`${base}${path}`, { method, headers, agent }, (res) => {
          res.resume().on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
        });
        req.on('error', reject);
        req.end(body);
      });
    try {
      const big = await onAgent('POST', `/api/v1/activities/${activityId}/draws`, `{"x":"${'a'.repeat(1_000_000)}"}`);
      expect(big.connection).toBe('close');
      expect((await onAgent('GET', `/api/v1/activities/${activityId}`)).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('leaves to Next every path and method it does not serve as Next would', async () => {
    for (const [method, path] of [
      ['GET', `/api/v1/activities/${activityId}/`],
      ['GET', '/api/v1/me/wins/'],
      ['GET', `/api/v1/activities/%41${activityId.slice(1)}`],
      ['GET', '/api/v1/activities//me'],
      // Next's URL parsing changes these: dot segments resolved, `\` read as `/`, `#` ends the path.
      ['GET', `/api/v1/activities/${activityId}\\me`],
      ['GET', `/api/v1/activities/${activityId}#me`],
      ['POST', '/api/v1/activities/../draws'],
      ['POST', `/api/v1/activities/${activityId}/tasks/./complete`],
      ['POST', '/api/v1/wins/../claim'],
      ['GET', '/api/v1/openapi.json'],
      ['GET', '/api/manage/activities'],
      ['GET', '/api/v1/activities'],
      ['GET', `/api/v1/activities/${activityId}/me/more`],
      ['PROPFIND', '/api/v1/me/wins'],
      ['GET', '/play/x'],
    ] as const) {
      const res = await send(method, path);
      expect(res.status, `${method} ${path}`).toBe(599);
      expect(res.headers['x-next']).toBe(path);
    }
  });
});

describe("the hot lane with Next's compression", () => {
  let zipped: Server;
  let zippedBase = '';
  beforeAll(async () => {
    const fallback = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(599).end();
    // Beside the end-user routes, one whose answer is over compression's 1 KB threshold.
    const large = { path: '/api/v1/large/[id]', module: { GET: () => jsonResponse({ pad: 'x'.repeat(4000) }) } };
    const lane = createHotLane({ routes: [...(await loadHotRoutes()), large], fallback, compress: nextCompression() });
    zipped = createServer(lane).listen(0, '127.0.0.1');
    await once(zipped, 'listening');
    zippedBase = `http://127.0.0.1:${(zipped.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    zipped?.closeAllConnections();
    await new Promise((r) => zipped?.close(r));
  });

  const raw = (method: string, path: string, headers: Record<string, string>) =>
    exchange(zippedBase, method, path, headers);

  it('sends an answer under the threshold as it is, with its length, to a client that accepts gzip', async () => {
    const gzip = { 'accept-encoding': 'gzip, deflate, br' };
    const drawn = await raw('POST', `/api/v1/activities/${activityId}/draws`, {
      ...bearer(gzipUserToken),
      ...gzip,
      'idempotency-key': 'k-gzip',
    });
    expect(drawn.body.toString('utf8')).toMatch(/"drawId"/);
    expect(drawn.headers['content-encoding']).toBeUndefined();
    expect(Number(drawn.headers['content-length'])).toBe(drawn.body.length);
    expect(drawn.body.length).toBeLessThan(1024);
    expect((JSON.parse(drawn.body.toString('utf8')) as { drawId: string }).drawId).toMatch(/^[0-9a-f-]{36}$/);
    expect(drawn.headers.vary).toContain('Accept-Encoding');
  });

  it('gzips an answer over the threshold for a client that accepts it, and for no other', async () => {
    const id = activityId;
    const large = await raw('GET', `/api/v1/large/${id}`, { 'accept-encoding': 'gzip' });
    expect(large.headers['content-encoding']).toBe('gzip');
    expect(large.headers['content-length']).toBeUndefined();
    expect(JSON.parse(gunzipSync(large.body).toString('utf8'))).toEqual({ pad: 'x'.repeat(4000) });
    expect(large.headers.vary).toContain('Accept-Encoding');
    const plain = await raw('GET', `/api/v1/large/${id}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString('utf8'))).toEqual({ pad: 'x'.repeat(4000) });
  });
});
