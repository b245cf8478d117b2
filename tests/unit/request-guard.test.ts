// Requests Next would answer with a 5xx though the sender is at fault: refused first, as the API
// answers errors, and everything well-formed passes untouched.
import { describe, expect, it } from 'vitest';
import { encodeArgs } from '@/tests/fuzz/server-action';
import { refusalResponse, refuseBadRequestBody, refuseBadRequestHead } from '@/lib/http/request-guard';

const ACTION_ID = `60${'a'.repeat(40)}`;
const head = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  refuseBadRequestHead({ method, url, headers });
const codeOf = (err: { code: string } | null) => err?.code ?? null;

function actionPost(body: BodyInit, contentType = 'text/plain;charset=UTF-8') {
  return new Request('http://x.test/t/acme/prizes', {
    method: 'POST',
    headers: { 'next-action': ACTION_ID, 'content-type': contentType },
    body,
  });
}

describe('the request line and headers', () => {
  it('refuses a path whose percent-encoding does not decode', () => {
    for (const url of ['/api/v1/activities/%E0%A4%A', '/api/manage/prizes/%', '/play/%FF%FE/en'])
      expect(codeOf(head(url))).toBe('VALIDATION_FAILED');
    expect(head('/api/v1/activities/%E0%A4%A4?x=%')).toBeNull();
  });

  it('refuses next-auth query values next-auth throws on, and passes its own', () => {
    expect(codeOf(head('/api/auth/csrf?callbackUrl=javascript%3Aalert%281%29'))).toBe('VALIDATION_FAILED');
    expect(codeOf(head('/api/auth/signin?callbackUrl=%2Fa&callbackUrl=%2Fb'))).toBe('VALIDATION_FAILED');
    expect(codeOf(head('/api/auth/error?error=%3Cscript%3E'))).toBe('VALIDATION_FAILED');
    expect(head('/api/auth/csrf?callbackUrl=%2Ft%2Facme')).toBeNull();
    expect(head('/api/auth/signin?callbackUrl=http%3A%2F%2Fx.test%2Ft&error=CredentialsSignin')).toBeNull();
    expect(head('/t/acme?callbackUrl=javascript:x')).toBeNull();
  });

  it('refuses a malformed Next-Action, a multipart body without a boundary and an oversized action', () => {
    expect(codeOf(head('/t/acme', { 'next-action': '__proto__' }, 'POST'))).toBe('VALIDATION_FAILED');
    expect(codeOf(head('/t/acme', { 'content-type': 'multipart/form-data' }, 'POST'))).toBe('VALIDATION_FAILED');
    const big = { 'next-action': ACTION_ID, 'content-length': String(2 * 1024 * 1024) };
    expect(codeOf(head('/t/acme', big, 'POST'))).toBe('PAYLOAD_TOO_LARGE');
    expect(
      head('/t/acme', { 'next-action': ACTION_ID, 'content-type': 'multipart/form-data; boundary=x' }, 'POST'),
    ).toBeNull();
  });
});

describe('a server action body', () => {
  it('passes what React’s encodeReply writes, as one text row or as multipart rows', async () => {
    const when = new Date('2026-01-01T00:00:00Z');
    const form = new FormData();
    form.set('name', 'Phone');
    form.set('image', new File(['png'], 'a.png', { type: 'image/png' }));
    const argLists = [
      ['acme', '$1 off', 1, when, undefined, -0, Number.NaN, 10n, { nested: [{ deep: ['x'] }] }],
      ['acme', new Map([['a', 1]]), new Set(['b']), new Blob(['png'])],
      [{ ok: true }, form],
    ];
    for (const args of argLists) {
      const { body, contentType } = await encodeArgs(args);
      expect(await refuseBadRequestBody(actionPost(new Uint8Array(body), contentType))).toBeNull();
    }
  });

  it('refuses bodies the decoder throws on or that reach past their rows', async () => {
    const bodies = [
      '',
      'x',
      '[1,]',
      '"\\ud800"',
      '{"a":1}',
      '["$1"]',
      '["$@1"]',
      '["$T1"]',
      '["$Z"]',
      '["$1:constructor:constructor"]',
      '['.repeat(30_000) + ']'.repeat(30_000),
      JSON.stringify(Array.from({ length: 1_001 }, () => 'x')),
    ];
    for (const body of bodies)
      expect(codeOf(await refuseBadRequestBody(actionPost(body))), body.slice(0, 20)).toBe('VALIDATION_FAILED');
    const emptyForm = actionPost('--x--', 'multipart/form-data; boundary=x');
    expect(codeOf(await refuseBadRequestBody(emptyForm))).toBe('VALIDATION_FAILED');
    expect(codeOf(await refuseBadRequestBody(actionPost(`["${'x'.repeat(1_100_000)}"]`)))).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('a next-auth body', () => {
  const authPost = (body: string, contentType = 'application/json') =>
    new Request('http://x.test/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });

  it('must be a JSON object when it says it is JSON', async () => {
    for (const body of ['null', '[]', '"x"', '1', '{'])
      expect(codeOf(await refuseBadRequestBody(authPost(body))), body).toBe('VALIDATION_FAILED');
    expect(await refuseBadRequestBody(authPost('{"email":"a@b.test"}'))).toBeNull();
    expect(await refuseBadRequestBody(authPost('email=a', 'application/x-www-form-urlencoded'))).toBeNull();
  });
});

describe('a refusal', () => {
  it('has the API’s error shape and a request id', async () => {
    const res = refusalResponse(
      head('/api/%')!,
      new Request('http://x.test/', { headers: { 'x-request-id': 'req-1' } }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBe('req-1');
    expect(await res.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: 'the path has malformed percent-encoding' },
    });
  });
});
