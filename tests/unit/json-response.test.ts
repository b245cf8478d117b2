// jsonResponse keeps its body as text for the hot lane; to everything else it must be the answer
// Response.json would have made, member by member.
import { describe, expect, it } from 'vitest';
import { jsonResponse, jsonTextOf } from '@/lib/json-response';

const data = { a: 1, b: ['é', null], c: { d: 'x"y' } };
const init = { status: 409, statusText: 'Conflict', headers: { 'retry-after': '1', 'x-a': 'b' } };

const head = (res: Response) => ({
  status: res.status,
  statusText: res.statusText,
  ok: res.ok,
  type: res.type,
  url: res.url,
  redirected: res.redirected,
  headers: [...res.headers],
});

describe('jsonResponse', () => {
  it('answers as Response.json with the same data and init', async () => {
    const ours = jsonResponse(data, init);
    const theirs = Response.json(data, init);
    expect(ours).toBeInstanceOf(Response);
    expect(String(ours)).toBe(String(theirs));
    expect(head(ours)).toEqual(head(theirs));
    expect(ours.bodyUsed).toBe(false);
    expect(await ours.text()).toBe(await theirs.text());
    expect(ours.bodyUsed).toBe(true);
    await expect(ours.json()).rejects.toThrow(TypeError);
    expect(() => ours.clone()).toThrow(TypeError);
  });

  it('gives its body as a stream, bytes, or a clone, with the headers as they are when asked', async () => {
    const ours = jsonResponse(data);
    ours.headers.set('x-request-id', 'r1');
    const copy = ours.clone();
    expect(head(copy)).toEqual(head(ours));
    expect(await copy.json()).toEqual(data);
    const read = await new Response(ours.body).arrayBuffer();
    expect(Buffer.from(read).toString()).toBe(JSON.stringify(data));
    expect(ours.bodyUsed).toBe(true);
    expect(await jsonResponse([1]).arrayBuffer()).toEqual(await Response.json([1]).arrayBuffer());
  });

  it('keeps a content type the caller names, and refuses what Response.json refuses', () => {
    const named = jsonResponse(data, { headers: { 'content-type': 'application/problem+json' } });
    expect(named.headers.get('content-type')).toBe('application/problem+json');
    expect(jsonResponse(data).headers.get('content-type')).toBe('application/json');
    expect(() => Response.json(undefined)).toThrow(TypeError);
    expect(() => jsonResponse(undefined)).toThrow(TypeError);
    expect(() => Response.json(data, { status: 204 })).toThrow(TypeError);
    expect(() => jsonResponse(data, { status: 204 })).toThrow(TypeError);
    expect(() => jsonResponse(data, { status: 99 })).toThrow(RangeError);
  });

  it('lends its text to the lane only while no body has been made of it', async () => {
    const res = jsonResponse(data);
    expect(jsonTextOf(res)).toBe(JSON.stringify(data));
    expect(jsonTextOf(Response.json(data))).toBeNull();
    void res.body;
    expect(jsonTextOf(res)).toBeNull();
  });

  it('lends its text to another copy of this module, as the server bundle holds one and the routes another', async () => {
    const other = (await import('@/lib/json-response?copy' as string)) as typeof import('@/lib/json-response');
    const res = other.jsonResponse(data);
    expect(other.jsonTextOf).not.toBe(jsonTextOf);
    expect(jsonTextOf(res)).toBe(JSON.stringify(data));
  });
});
