import { describe, expect, it } from 'vitest';
import { POST as createPrize } from '@/app/api/manage/prizes/route';
import { GET as unknownRoute } from '@/app/api/[...path]/route';
import { publicRoute } from '@/lib/http/handlers';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

const expectErrorShape = (json: unknown, code: string) => {
  expect(json).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(Object.keys((json as { error: object }).error).every((k) => ['code', 'message', 'details'].includes(k))).toBe(
    true,
  );
};

describe('request hygiene on every route', () => {
  it('answer 400 to malformed JSON and to an empty body', async () => {
    const t = await freshTenant();
    for (const body of ['{"name": "x",', '', 'not json']) {
      const res = await callRoute(createPrize, {
        method: 'POST',
        headers: { ...bearer(t.apiKey), 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      expectErrorShape(res.json, 'VALIDATION_FAILED');
    }
  });

  it('answer 400 VALIDATION_FAILED to unknown fields and bad values, naming the path', async () => {
    const t = await freshTenant();
    const unknown = await callRoute(createPrize, {
      method: 'POST',
      headers: bearer(t.apiKey),
      body: { name: 'x', kind: 'physical', stock: 1, colour: 'red' },
    });
    expect(unknown.status).toBe(400);
    expectErrorShape(unknown.json, 'VALIDATION_FAILED');
    expect(JSON.stringify(unknown.json.error.details)).toContain('colour');
    const bad = await callRoute(createPrize, {
      method: 'POST',
      headers: bearer(t.apiKey),
      body: { name: 'x', kind: 'car', stock: -1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['kind', 'stock']);
  });

  it('answer 413 to a body over 64 KiB, declared or not', async () => {
    const t = await freshTenant();
    const big = JSON.stringify({ name: 'x'.repeat(70 * 1024), kind: 'physical', stock: 1 });
    const res = await callRoute(createPrize, { method: 'POST', headers: bearer(t.apiKey), body: big + '' });
    expect(res.status).toBe(415); // a string body without content type is refused first
    const declared = await callRoute(createPrize, {
      method: 'POST',
      headers: { ...bearer(t.apiKey), 'content-type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    expectErrorShape(declared.json, 'PAYLOAD_TOO_LARGE');
    // A chunked body with no content-length is counted as it streams.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 80; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const req = new Request('http://localhost/api/manage/prizes', {
      method: 'POST',
      headers: { ...bearer(t.apiKey), 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const streamed = await createPrize(req, { params: Promise.resolve({}) });
    expect(streamed.status).toBe(413);
  });

  it('answer 415 to a body that is not JSON', async () => {
    const t = await freshTenant();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await callRoute(createPrize, {
        method: 'POST',
        headers: { ...bearer(t.apiKey), 'content-type': type },
        body: '{"name":"x","kind":"physical","stock":1}',
      });
      expect(res.status).toBe(415);
      expectErrorShape(res.json, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('answer unknown API paths with a JSON 404', async () => {
    const res = await callRoute(unknownRoute, { path: '/api/v1/nothing-here', params: { path: 'v1/nothing-here' } });
    expect(res.status).toBe(404);
    expectErrorShape(res.json, 'NOT_FOUND');
  });

  it('never show a stack trace or SQL text, only an opaque 500 with the request id', async () => {
    const failing = publicRoute(async () => {
      const err = new Error(
        'duplicate key value violates unique constraint "Tenant_slug_key" — SELECT * FROM "Tenant"',
      );
      err.stack = 'Error: at secret/file.ts:1:1';
      throw err;
    });
    const res = await callRoute(failing, { headers: { 'x-request-id': 'req-123' } });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({
      error: { code: 'INTERNAL', message: 'internal error', details: { requestId: 'req-123' } },
    });
    expect(res.text).not.toMatch(/SELECT|Tenant_slug_key|secret\/file/);
    expect(res.headers.get('x-request-id')).toBe('req-123');
  });
});
