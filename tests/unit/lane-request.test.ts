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
    const real = new Request('http://localhost/api/x?y=%20&z', {
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

  it('serializes its url as Request does, on its own origin whatever the Host header says', () => {
    const spellings = [
      ...['/a/../b/./c?x=%7e&y=é', '/p?q=a b#frag', '//double//slash', '/%2F%41', '/x?', '/a/.', '/a/..'],
      // Spellings written back as they are, which the url takes without parsing: they must still agree.
      ...['/api/v1/activities/0190aB-c_d~e/me', '/x?lang=zh-CN&y=', '/', '/a//b/', '/x?&&=', '/x?y=1?z'],
      // Near misses, which must be parsed: a dot, an encoded or non-ASCII character, a fragment, a space.
      ...['/a.b', '/a?x=.', '/a%41', '/é', '/a#b', '/a?b c', '/a?x=%', '/a\\b', '/a|b', '/a:b', '/a?x=y;z'],
    ];
    for (const path of spellings) {
      const lane = laneRequest(head('GET', path, { host: 'Host.Example:80' }), null);
      expect(lane.url).toBe(new Request(`http://localhost${path}`).url);
    }
    for (const host of ['user:pw@h', 'a b', '[::1]:x']) {
      expect(laneRequest(head('GET', '/x?y=1', { host }), null).url).toBe('http://localhost/x?y=1');
      expect(laneRequest(head('GET', '/x', { host }), null).clone().url).toBe('http://localhost/x');
    }
  });

  it('keeps each value of a header Node parsed as a list, and has no body for none', () => {
    const lane = laneRequest(head('GET', '/x', { host: 'h', 'set-cookie': ['a=1', 'b=2'] }), null);
    expect(lane.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(lane.body).toBeNull();
    expect(lane.clone().url).toBe('http://localhost/x');
  });

  it('answers every header question as Headers filled from the same head would, before and after a change', () => {
    const parsed = {
      host: 'h',
      authorization: 'Bearer a.b.c',
      cookie: 'a=1; b=2',
      'set-cookie': ['a=1', 'b=2'],
      'x-padded': ' both ends ',
      'x-empty': '',
      'x-inner': 'a  b',
    };
    const names = ['authorization', 'Authorization', 'cookie', 'set-cookie', 'x-padded', 'x-empty', 'x-inner', 'none'];
    const fresh = () => ({
      lane: laneRequest(head('GET', '/x', parsed), null).headers,
      real: new Request('http://h/x', {
        headers: Object.entries(parsed).flatMap(([n, v]) => [v].flat().map((x): [string, string] => [n, x])),
      }).headers,
    });
    const { lane, real } = fresh();
    // Node's head object has a prototype: a name it inherits is no header (asked before anything fills it).
    expect(lane.get('constructor')).toBeNull();
    expect(lane.has('constructor')).toBe(false);
    for (const name of names) {
      expect(lane.get(name), name).toBe(real.get(name));
      expect(lane.has(name), name).toBe(real.has(name));
    }
    expect(() => lane.get('bad name')).toThrow(TypeError);
    expect(() => lane.has('bad name')).toThrow(TypeError);
    expect(lane.getSetCookie()).toEqual(real.getSetCookie());
    expect([...lane]).toEqual([...real]);

    const changed = fresh();
    expect(changed.lane.get('authorization')).toBe('Bearer a.b.c');
    for (const h of [changed.lane, changed.real]) {
      h.set('authorization', 'Bearer other');
      h.delete('cookie');
      h.append('x-new', '1');
    }
    for (const name of [...names, 'x-new']) expect(changed.lane.get(name), name).toBe(changed.real.get(name));
    expect([...changed.lane.entries()]).toEqual([...changed.real.entries()]);
    expect([...new Headers(changed.lane)]).toEqual([...changed.real]);
  });

  it('hands the real Request every header, however few were read before', () => {
    const lane = laneRequest(head('POST', '/x', { host: 'h', 'x-a': '1', 'x-b': '2' }), Buffer.from('{}'));
    expect(lane.headers.get('x-a')).toBe('1');
    expect([...lane.clone().headers]).toEqual([
      ...new Request('http://h/x', { headers: { host: 'h', 'x-a': '1', 'x-b': '2' } }).headers,
    ]);
  });
});
