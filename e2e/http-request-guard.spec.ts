// Requests Next would answer with a 5xx though the sender is at fault, sent byte for byte to the
// production server (server.ts and proxy.ts): a path whose percent-encoding does not decode,
// next-auth query values and bodies it throws on, and server action envelopes its decoder throws
// on. Each gets 400 (413 for size) in the API's error shape, with a request id.
import http from 'node:http';
import { expect, test } from '@playwright/test';

/** An id of the right shape: the body is judged before Next looks the action up. */
const ACTION_ID = `60${'ab'.repeat(20)}`;

type Raw = { method?: string; path: string; headers?: Record<string, string>; body?: string };

/** Sends exactly these bytes (fetch and Playwright would normalise the path). */
function send(baseURL: string, { method = 'GET', path, headers = {}, body }: Raw) {
  const url = new URL(baseURL);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; json: unknown }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode!, headers: res.headers, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const action = (body: string, contentType = 'text/plain;charset=UTF-8'): Raw => ({
  method: 'POST',
  path: '/signin',
  headers: { 'next-action': ACTION_ID, 'content-type': contentType, accept: 'text/x-component' },
  body,
});

async function expectRefused(baseURL: string, raw: Raw, status = 400) {
  const res = await send(baseURL, raw);
  expect(res.status, `${raw.method ?? 'GET'} ${raw.path}`).toBe(status);
  expect(res.headers['x-request-id']).toMatch(/^[\w.-]{1,64}$/);
  expect(res.json).toEqual({
    error: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', message: expect.any(String) },
  });
}

test('a path whose percent-encoding does not decode', async ({ baseURL }) => {
  for (const path of ['/api/v1/activities/%E0%A4%A', '/api/manage/prizes/%', '/play/%FF%FE/en', '/t/%/prizes'])
    await expectRefused(baseURL!, { path });
  await expectRefused(baseURL!, {
    method: 'POST',
    path: '/api/v1/activities/%/draws',
    headers: { 'idempotency-key': 'k-123456' },
  });
});

test('next-auth: a callbackUrl or error it would throw on, and a JSON body that is no object', async ({ baseURL }) => {
  await expectRefused(baseURL!, { path: '/api/auth/csrf?callbackUrl=javascript%3Aalert%281%29' });
  await expectRefused(baseURL!, { path: '/api/auth/signin?callbackUrl=%2Fa&callbackUrl=%2Fb' });
  await expectRefused(baseURL!, { path: '/api/auth/error?error=%3Cb%3E' });
  for (const body of ['null', '[]', '"x"', '{'])
    await expectRefused(baseURL!, {
      method: 'POST',
      path: '/api/auth/callback/credentials',
      headers: { 'content-type': 'application/json' },
      body,
    });
  // Its own values still work.
  expect((await send(baseURL!, { path: '/api/auth/csrf?callbackUrl=%2Ft%2Facme' })).status).toBe(200);
});

test('server action envelopes Next’s decoder throws on', async ({ baseURL }) => {
  await expectRefused(baseURL!, { ...action('["a"]'), headers: { ...action('').headers, 'next-action': 'toString' } });
  for (const body of [
    '',
    '[1,]',
    '["$1"]',
    '["$T1"]',
    '["$1:constructor:constructor"]',
    '['.repeat(30_000) + ']'.repeat(30_000),
  ])
    await expectRefused(baseURL!, action(body));
  await expectRefused(baseURL!, action(JSON.stringify(Array.from({ length: 1_001 }, () => 'x'))));
  await expectRefused(baseURL!, action('--x\r\n\r\n', 'multipart/form-data'));
  await expectRefused(baseURL!, action('--x--', 'multipart/form-data; boundary=x'));
  await expectRefused(baseURL!, action(`["${'x'.repeat(1_100_000)}"]`), 413);
});
