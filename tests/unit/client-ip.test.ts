import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER, clientIp, resolveClientIp, stampClientIp } from '@/lib/http/client-ip';

function incoming(headers: Record<string, string>, remoteAddress = '::ffff:10.0.0.9'): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress });
  const req = new IncomingMessage(socket);
  for (const [k, v] of Object.entries(headers)) {
    req.headers[k.toLowerCase()] = v;
    req.rawHeaders.push(k, v);
  }
  return req;
}

/** What a route handler sees of a request server.ts passed on. */
const asRequest = (req: IncomingMessage) => ({ headers: new Headers(req.headers as Record<string, string>) });

describe('resolveClientIp', () => {
  it('with no trusted proxy, is the socket peer whatever X-Forwarded-For says', () => {
    expect(
      resolveClientIp({ socketAddress: '::ffff:127.0.0.1', forwardedFor: '203.0.113.7', trustedProxyCount: 0 }),
    ).toBe('127.0.0.1');
  });

  it('with N trusted proxies, takes the N-th entry from the right', () => {
    expect(resolveClientIp({ socketAddress: '10.0.0.1', forwardedFor: 'a, 198.51.100.2', trustedProxyCount: 1 })).toBe(
      '198.51.100.2',
    );
    expect(
      resolveClientIp({
        socketAddress: '10.0.0.1',
        forwardedFor: '1.1.1.1, 198.51.100.2, 10.0.0.2',
        trustedProxyCount: 2,
      }),
    ).toBe('198.51.100.2');
    expect(
      resolveClientIp({ socketAddress: '10.0.0.1', forwardedFor: ['1.1.1.1', '198.51.100.2'], trustedProxyCount: 1 }),
    ).toBe('198.51.100.2');
  });

  it('takes the furthest entry when the chain is shorter than the trusted count, the socket when there is none', () => {
    expect(resolveClientIp({ socketAddress: '10.0.0.1', forwardedFor: '198.51.100.2', trustedProxyCount: 3 })).toBe(
      '198.51.100.2',
    );
    expect(resolveClientIp({ socketAddress: '10.0.0.1', forwardedFor: undefined, trustedProxyCount: 1 })).toBe(
      '10.0.0.1',
    );
  });

  it('writes one spelling of an address and refuses what is none', () => {
    expect(
      resolveClientIp({ socketAddress: '10.0.0.1', forwardedFor: '[2001:DB8::1]:443', trustedProxyCount: 1 }),
    ).toBe('2001:db8::1');
    expect(
      resolveClientIp({ socketAddress: '10.0.0.1', forwardedFor: '198.51.100.2:5050', trustedProxyCount: 1 }),
    ).toBe('198.51.100.2');
    expect(resolveClientIp({ socketAddress: '10.0.0.1', forwardedFor: 'unknown', trustedProxyCount: 1 })).toBeNull();
  });
});

describe('stampClientIp and clientIp', () => {
  it('ignores X-Forwarded-For and X-Real-IP by default', () => {
    const req = incoming({ 'X-Forwarded-For': '203.0.113.7', 'X-Real-IP': '203.0.113.8' });
    stampClientIp(req, 0);
    expect(clientIp(asRequest(req))).toBe('10.0.0.9');
  });

  it('replaces an internal header the client sent, in every spelling', () => {
    const req = incoming({ 'X-Lottery-Client-IP': 'anything 203.0.113.7' });
    stampClientIp(req, 0);
    expect(clientIp(asRequest(req))).toBe('10.0.0.9');
    expect(req.rawHeaders.map((h) => h.toLowerCase())).not.toContain(CLIENT_IP_HEADER);
  });

  it('never believes a header the server did not stamp', () => {
    const stamped = incoming({});
    stampClientIp(stamped, 0);
    const genuine = stamped.headers[CLIENT_IP_HEADER] as string;
    const forged = genuine.replace(/ .*$/, '').replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(clientIp({ headers: new Headers({ [CLIENT_IP_HEADER]: `${forged} 203.0.113.7` }) })).toBeNull();
    expect(clientIp({ headers: new Headers({ [CLIENT_IP_HEADER]: '203.0.113.7' }) })).toBeNull();
    expect(clientIp({ headers: new Headers({ 'x-forwarded-for': '203.0.113.7' }) })).toBeNull();
  });
});
