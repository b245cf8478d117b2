// The client's address. Route handlers cannot see the socket, so the server in front of Next
// (server.ts, for `npm start` and `npm run dev` alike) decides it per request and hands it on
// in one internal header; `clientIp` is the one place that reads it.
//
// X-Forwarded-For is written by whoever sends the request, so only its last entries, the ones
// the operator's own proxies appended, can be believed: TRUSTED_PROXY_COUNT says how many.
// With none (the default) the address is the socket's peer, and X-Forwarded-For and
// X-Real-IP are ignored entirely.
//
// The internal header is stripped from every inbound request before it is set, and carries a
// secret the server makes at start-up, known to nothing outside this process: a copy sent by a
// client is never believed, even where Next runs without server.ts (then there is no secret,
// and no address).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export const CLIENT_IP_HEADER = 'x-lottery-client-ip';

// Shared through the global object: server.ts and Next's bundle of this module are two module
// instances in one process.
const SECRET = Symbol.for('lottery.client-ip-secret');
const holder = globalThis as { [SECRET]?: string };

/**
 * The address that `trustedProxyCount` proxies in front of this server vouch for: the socket's
 * peer with none; else the entry of X-Forwarded-For that the outermost trusted proxy appended
 * (the N-th from the right), or the furthest one there is when the chain is shorter. Null when
 * that entry is no IP address.
 */
export function resolveClientIp({
  socketAddress,
  forwardedFor,
  trustedProxyCount,
}: {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  trustedProxyCount: number;
}): string | null {
  if (trustedProxyCount > 0) {
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (hops.length > 0) return normalizeIp(hops[Math.max(0, hops.length - trustedProxyCount)]!);
  }
  return normalizeIp(socketAddress ?? '');
}

/**
 * For server.ts, before anything else sees the request: replaces any inbound copy of the
 * internal header with the address resolveClientIp decides, tagged with this process's secret.
 */
export function stampClientIp(req: IncomingMessage, trustedProxyCount: number): void {
  const secret = (holder[SECRET] ??= randomBytes(32).toString('base64url'));
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    const name = req.rawHeaders[i]!;
    // The length first: most names differ in it, and lower-casing each would copy it.
    if (name.length === CLIENT_IP_HEADER.length && name.toLowerCase() === CLIENT_IP_HEADER) req.rawHeaders.splice(i, 2);
  }
  const ip = resolveClientIp({
    socketAddress: req.socket.remoteAddress,
    forwardedFor: req.headers['x-forwarded-for'],
    trustedProxyCount,
  });
  req.headers[CLIENT_IP_HEADER] = `${secret} ${ip ?? '-'}`;
}

/** The client's address as server.ts decided it; null when unknown or when the header is not the server's. */
export function clientIp(req: Pick<Request, 'headers'>): string | null {
  const secret = holder[SECRET];
  const value = req.headers.get(CLIENT_IP_HEADER);
  if (!secret || !value) return null;
  const space = value.indexOf(' ');
  if (space < 0 || !sameSecret(value.slice(0, space), secret)) return null;
  const ip = value.slice(space + 1);
  return isIP(ip) ? ip : null;
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An IP address in one spelling: no brackets or port, IPv4-mapped IPv6 as IPv4; null if none. */
function normalizeIp(raw: string): string | null {
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(s);
  if (mapped) s = mapped[1]!;
  if (isIP(s) === 0) return null;
  return isIP(s) === 6 ? s.toLowerCase() : s;
}
