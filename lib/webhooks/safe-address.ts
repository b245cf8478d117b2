// Outbound webhooks must not become a way into our own network: an endpoint whose name resolves
// to a loopback, private, link-local or otherwise special address is refused, on every connection
// and after DNS resolution (a name may resolve differently at creation and at send time), unless
// WEBHOOK_ALLOW_PRIVATE=1 (the demo and tests, whose receivers listen on 127.0.0.1).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { config } from '../config';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** True for an address no webhook may reach (IPv4-mapped IPv6 judged as its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  return blocked.check(address, 'ipv6');
}

export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError';
  readonly code = 'EPRIVATEADDRESS';
}

const allowPrivate = () => config().WEBHOOK_ALLOW_PRIVATE;

/** For a URL whose host is an address literal (no DNS lookup happens for it): refused before connecting. */
export function literalHostRefused(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return !allowPrivate() && isIP(host) !== 0 && isPrivateAddress(host);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request: resolves as usual, then refuses the connection if any address is private. */
export function safeLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const list = addresses;
    if (!allowPrivate()) {
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad)
        return callback(new PrivateAddressError(`${hostname} resolves to a private address (${bad.address})`), '');
    }
    if (options.all) return callback(null, list);
    const first = list[0];
    if (!first) return callback(new PrivateAddressError(`${hostname} has no address`), '');
    callback(null, first.address, first.family);
  });
}
