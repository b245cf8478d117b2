// Operator passwords: scrypt with a random salt, stored self-describing so parameters can
// be raised later without breaking old hashes. Never stored or logged in plain.
// One scrypt is ~100 ms of a libuv thread and 32 MiB; the process has four such threads, shared
// with file reads, DNS and zlib. So at most two run at once and a few wait: a sign-in flood is
// refused (RATE_LIMITED) instead of slowing every tenant's requests.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { boundedConcurrency } from './bounded-concurrency';

const N = 2 ** 15;
const r = 8;
const p = 1;
const keyLength = 32;

export const passwordHashing = boundedConcurrency({
  max: 2,
  maxWaiting: 8,
  busyMessage: 'too many password checks at once; try again in a moment',
});

function scrypt(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  const normalized = password.normalize('NFKC');
  return passwordHashing.run(
    () =>
      new Promise((resolve, reject) =>
        scryptCb(normalized, salt, length, options, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

const maxmem = (n: number, rr: number) => 256 * n * rr;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, { N, r, p, maxmem: maxmem(N, r) }, keyLength);
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !rr || !pp || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(
    password,
    Buffer.from(salt, 'base64url'),
    { N: Number(n), r: Number(rr), p: Number(pp), maxmem: maxmem(Number(n), Number(rr)) },
    expected.length,
  );
  return timingSafeEqual(actual, expected);
}
