// The production server answers the end-user API on its hot lane (lib/http/hot-lane.ts), past
// Next's router; a second server with HOT_LANE=0 sends every request through Next. The same
// requests to both must get the same answers: status, body (a 500's request id aside) and the
// headers a client or a browser acts on.
import { randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { cliTenant, liveWheel, startServer, type StartedServer } from './support';

test.describe.configure({ mode: 'serial' });

const HEADERS_THAT_MATTER = [
  'content-type',
  'allow',
  'retry-after',
  'location',
  'cache-control',
  'vary',
  'set-cookie',
  'x-frame-options',
  'content-security-policy',
  'x-request-id',
  'content-encoding',
];

type Call = {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  chunked?: boolean;
};
type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: unknown };
/** An answer, and the length of its body once decoded. */
type Received = { answer: Answer; size: number };

/**
 * Compression's threshold. The lane hands compression a body whole, so an answer under it goes
 * unencoded; Next streams a route's body, so its compression gzips any size (docs/draw.md, step 1).
 */
const COMPRESSION_THRESHOLD = 1024;

/** One request over a fresh connection, exactly as given (a chunked body declares no length). */
function send(baseURL: string, { method, path, headers = {}, body, chunked }: Call): Promise<Received> {
  return new Promise((resolve, reject) => {
    // The path as given, not parsed as a URL, which would resolve dot segments, `\` and `#`.
    const { hostname, port } = new URL(baseURL);
    const req = httpRequest({ hostname, port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('error', reject);
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const decoded = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        const text = decoded.toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : '';
        } catch {
          // not JSON: compared as text
        }
        const picked = Object.fromEntries(HEADERS_THAT_MATTER.map((h) => [h, res.headers[h]]));
        resolve({
          answer: { status: res.statusCode!, headers: picked, body: withoutRequestId(parsed) },
          size: decoded.length,
        });
      });
    });
    req.on('error', reject);
    if (body !== undefined && !chunked) req.setHeader('content-length', Buffer.byteLength(body));
    req.end(body);
  });
}

/** A 500's body carries its own request id; everything else must match to the byte. */
function withoutRequestId(body: unknown): unknown {
  const details = (body as { error?: { details?: { requestId?: string } } })?.error?.details;
  if (details?.requestId) details.requestId = '<request id>';
  return body;
}

let tenant: Awaited<ReturnType<typeof cliTenant>>;
let activityId = '';
let token = '';
let throughNext: StartedServer;

test.beforeAll(async ({ request }) => {
  tenant = await cliTenant(`lane-${randomBytes(4).toString('hex')}`);
  activityId = await liveWheel(request, tenant.apiKey, { freeDrawsPerDay: 50 });
  token = await tenant.userToken(`u-${randomUUID().slice(0, 8)}`);
  throughNext = await startServer({ HOT_LANE: '0' });
});

test.afterAll(async () => {
  await throughNext?.stop();
});

/** Sends `call` to the lane and then to Next, each with its own request id, and compares. */
async function expectSameAnswer(baseURL: string, call: Call, expectedStatus: number) {
  const id = (via: string) => ({ 'x-request-id': `parity-${via}-${randomUUID().slice(0, 8)}` });
  const { answer: lane, size } = await send(baseURL, { ...call, headers: { ...call.headers, ...id('a') } });
  const { answer: next } = await send(throughNext.baseURL, { ...call, headers: { ...call.headers, ...id('b') } });
  // Each echoes its own request id (405s and redirects carry none, on both paths).
  for (const [answer, via] of [
    [lane, 'a'],
    [next, 'b'],
  ] as const) {
    const echoed = String(answer.headers['x-request-id']).startsWith(`parity-${via}-`);
    if (echoed) answer.headers['x-request-id'] = 'echoed';
  }
  const what = `${call.method} ${call.path} ${JSON.stringify(call.headers ?? {})}`;
  if (size < COMPRESSION_THRESHOLD && next.headers['content-encoding'] === 'gzip') {
    expect(lane.headers['content-encoding'], `${what}: ${size} bytes go unencoded`).toBeUndefined();
    next.headers['content-encoding'] = undefined;
  }
  expect(lane, what).toEqual(next);
  expect(lane.status, what).toBe(expectedStatus);
}

test('every end-user route answers the same through the lane and through Next', async ({ baseURL }) => {
  const auth = () => ({ authorization: `Bearer ${token}` });
  const a = `/api/v1/activities/${activityId}`;
  const unknown = `/api/v1/activities/${randomUUID()}`;
  const cases: [Call, number][] = [
    [{ method: 'GET', path: a, headers: auth() }, 200],
    [
      { method: 'GET', path: a.toUpperCase().replace('/API/V1/ACTIVITIES/', '/api/v1/activities/'), headers: auth() },
      200,
    ],
    [{ method: 'GET', path: `${a}?lang=en`, headers: auth() }, 200],
    [{ method: 'GET', path: a, headers: { ...auth(), 'accept-encoding': 'gzip, deflate, br' } }, 200],
    [{ method: 'GET', path: '/api/v1/me/wins', headers: { ...auth(), 'accept-encoding': 'gzip' } }, 200],
    [{ method: 'GET', path: a }, 401],
    [{ method: 'GET', path: a, headers: { authorization: 'Bearer not-a-token' } }, 401],
    [{ method: 'GET', path: unknown, headers: auth() }, 404],
    [{ method: 'GET', path: '/api/v1/activities/not-an-id', headers: auth() }, 404],
    [{ method: 'POST', path: a, headers: auth() }, 405],
    [{ method: 'DELETE', path: a, headers: auth() }, 405],
    [{ method: 'OPTIONS', path: a }, 204],
    [{ method: 'HEAD', path: a, headers: auth() }, 200],
    [{ method: 'GET', path: `${a}/`, headers: auth() }, 308],
    [{ method: 'GET', path: `${a}/me`, headers: auth() }, 200],
    [{ method: 'GET', path: `${unknown}/me`, headers: auth() }, 404],
    [{ method: 'PATCH', path: `${a}/me`, headers: auth() }, 405],
    [{ method: 'GET', path: `${a}/draws`, headers: auth() }, 405],
    [{ method: 'POST', path: `${a}/draws`, headers: auth() }, 400],
    [{ method: 'POST', path: `${unknown}/draws`, headers: { ...auth(), 'idempotency-key': randomUUID() } }, 404],
    [{ method: 'POST', path: `${a}/draws`, headers: { 'idempotency-key': randomUUID() } }, 401],
    [{ method: 'POST', path: `${a}/tasks/${randomUUID()}/complete`, headers: auth() }, 404],
    [{ method: 'PUT', path: `${a}/tasks/${randomUUID()}/complete`, headers: auth() }, 405],
    [{ method: 'POST', path: `${a}/views`, headers: auth() }, 204],
    [{ method: 'POST', path: `${unknown}/views`, headers: auth() }, 404],
    [{ method: 'GET', path: `${a}/views`, headers: auth() }, 405],
    [{ method: 'GET', path: '/api/v1/me/wins', headers: auth() }, 200],
    [{ method: 'GET', path: '/api/v1/me/wins/', headers: auth() }, 308],
    [{ method: 'POST', path: '/api/v1/me/wins', headers: auth() }, 405],
    [{ method: 'GET', path: '/api/v1/me/wins' }, 401],
    // Paths Next reads otherwise: `\` is a redirect to `/`, `#` ends the path, dot segments are resolved.
    [{ method: 'GET', path: `${a}\\me`, headers: auth() }, 308],
    [{ method: 'GET', path: `${a}#me`, headers: auth() }, 200],
    [{ method: 'POST', path: '/api/v1/activities/../draws', headers: auth() }, 404],
    [{ method: 'POST', path: `${a}/tasks/./complete`, headers: auth() }, 404],
  ];
  const claim = `/api/v1/wins/${randomUUID()}/claim`;
  const json = { ...auth(), 'content-type': 'application/json' };
  const address = JSON.stringify({ name: 'A', phone: '123456', address: 'Somewhere 1' });
  const big = JSON.stringify({ name: 'x'.repeat(70 * 1024) });
  cases.push(
    [{ method: 'POST', path: claim, headers: json, body: address }, 404],
    [
      {
        method: 'POST',
        path: claim.toUpperCase().replace('/API/V1/WINS/', '/api/v1/wins/').replace('/CLAIM', '/claim'),
        headers: json,
        body: address,
      },
      404,
    ],
    [{ method: 'POST', path: claim, headers: auth(), body: address }, 415],
    [{ method: 'POST', path: claim, headers: json, body: '{"name":' }, 400],
    [{ method: 'POST', path: claim, headers: json, body: '' }, 400],
    [{ method: 'POST', path: claim, headers: json, body: '{"colour":"red"}' }, 400],
    [{ method: 'POST', path: claim, headers: json, body: big }, 413],
    [{ method: 'POST', path: claim, headers: json, body: big, chunked: true }, 413],
    [{ method: 'POST', path: '/api/v1/wins/not-an-id/claim', headers: json, body: address }, 404],
    [{ method: 'GET', path: claim, headers: auth() }, 405],
    [{ method: 'POST', path: '/api/v1/events', headers: { 'content-type': 'application/json' }, body: '{}' }, 401],
    [{ method: 'POST', path: '/api/v1/events', headers: { 'content-type': 'application/json' }, body: big }, 413],
    [
      {
        method: 'POST',
        path: '/api/v1/events',
        headers: { 'x-tenant': 'nobody', 'x-timestamp': '1', 'x-signature': 'x' },
        body: '{}',
      },
      401,
    ],
    [{ method: 'GET', path: '/api/v1/events' }, 405],
    [{ method: 'POST', path: '/api/v1/events/', body: '{}' }, 308],
  );
  for (const [call, status] of cases) await expectSameAnswer(baseURL!, call, status);
});

test('a draw and its replay under the same Idempotency-Key answer the same on both paths', async ({ baseURL }) => {
  const path = `/api/v1/activities/${activityId.toUpperCase()}/draws`;
  const orders: [string, string][] = [
    [baseURL!, throughNext.baseURL],
    [throughNext.baseURL, baseURL!],
  ];
  for (const [first, second] of orders) {
    const headers = { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), 'x-request-id': 'draw' };
    const { answer: drawn } = await send(first, { method: 'POST', path, headers });
    const { answer: replayed } = await send(second, { method: 'POST', path, headers });
    expect(drawn.status).toBe(200);
    expect(replayed).toEqual(drawn);
  }
});

test('without a request id of its own, each path makes one', async ({ baseURL }) => {
  for (const base of [baseURL!, throughNext.baseURL]) {
    const { answer: res } = await send(base, { method: 'GET', path: '/api/v1/me/wins' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  }
});
