// The hot lane's Request: made in parts as a handler reads them, it must answer as the Request
// Next would hand the same handler.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { laneRequest } from '@/lib/http/lane-request';

const head = (method: string, url: string, headers: IncomingMessage['headers']) =>
  ({ method, url, headers }) as IncomingMessage;

describe('laneRequest', () => {
  it('answers as a Request built from the same head and body', async () => {
    const headers = { host: 'Example.COM:80', 'content-type': 'application/json', 'x-a': 'b' };
    const lane = laneRequest(head('POST', '/api/x?y=%20&z', headers), Buffer.from('{"a":1}'));
    const real = new Request('http://Example.COM:80/api/x?y=%20&z', {
      method: 'POST',
      headers,
      body: '{"a":1}',
    });
    expect(lane.method).toBe(real.method);
    expect(lane.url).toBe(real.url);
    expect([...lane.headers]).toEqual([...real.headers]);
    expect(lane.bodyUsed).toBe(false);
    expect(await lane.json()).toEqual(await real.json());
    expect(lane.bodyUsed).toBe(true);
    await expect(lane.text()).rejects.toThrow(TypeError);
    expect(lane.signal.aborted).toBe(false);
    expect(String(lane)).toBe('[object Request]');
  });

  it('serializes its url as Request does', () => {
    const spellings = ['/a/../b/./c?x=%7e&y=é', '/p?q=a b#frag', '//double//slash', '/%2F%41', '/x?'];
    for (const path of spellings) {
      const lane = laneRequest(head('GET', path, { host: 'Host.Example:80' }), null);
      expect(lane.url).toBe(new Request(`http://Host.Example:80${path}`).url);
    }
    // A host carrying credentials: Request refuses to be made from such a URL, and so does the lane's.
    const withCredentials = laneRequest(head('GET', '/x', { host: 'user:pw@h' }), null);
    expect(() => new Request('http://user:pw@h/x')).toThrow(TypeError);
    expect(() => withCredentials.url).toThrow(TypeError);
  });

  it('keeps each value of a header Node parsed as a list, and has no body for none', () => {
    const lane = laneRequest(head('GET', '/x', { host: 'h', 'set-cookie': ['a=1', 'b=2'] }), null);
    expect(lane.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(lane.body).toBeNull();
    expect(lane.clone().url).toBe('http://h/x');
  });
});
