// Ids are UUIDs. RFC 4122 reads them case-insensitively, so a client may send any case; inside
// the platform an id has one spelling, lower case, made once where it comes in (a route's path,
// a body, a query, a job payload, a console action). Redis keys, locks, streams and job names
// are built from that spelling (or from the id a PostgreSQL row returns), never from request
// text, so two spellings of one id can never name two different hot states.
import { z } from 'zod';
import { AppError } from './errors';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Ids in URLs are UUIDs; anything else cannot name a row, so it is simply not found. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The one spelling of an id (lower case), or null when the value is not a UUID at all. */
export function canonicalId(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}

/**
 * An id that names the object to act on (a path param, a console action's argument): its
 * canonical spelling, or 404, as for any id that names nothing.
 */
export function idOrNotFound(value: unknown, what: string): string {
  const id = canonicalId(value);
  if (id !== null) return id;
  const shown = typeof value === 'string' ? ` ${value.slice(0, 100)}` : '';
  throw new AppError('NOT_FOUND', `${what}${shown} not found`);
}

/** An id in a body, query or job payload: any case in, lower case out; not a UUID → 400 naming the field. */
export const Id = z.string().regex(UUID, 'must be a UUID').toLowerCase();
export type Id = z.infer<typeof Id>;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const pool = new Uint8Array(16 * 256);
let poolAt = pool.length;
let lastMs = 0;
let sequence = 0;

/**
 * A time-ordered UUID (version 7, RFC 9562): 48 bits of milliseconds, a 12-bit sequence that
 * keeps ids of one process increasing within a millisecond, then 62 random bits. Rows keyed by
 * it are appended at the end of their B-tree, not scattered across it: a draw's insert touches
 * the one hot leaf page, not a random one (which PostgreSQL must first read, then log whole).
 */
export function timeOrderedId(now = Date.now()): string {
  if (poolAt === pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const r = pool.subarray(poolAt, (poolAt += 16));
  if (now > lastMs) {
    lastMs = now;
    sequence = ((r[6]! & 0x07) << 8) | r[7]!;
  } else if (++sequence > 0xfff) {
    lastMs++;
    sequence = 0;
  }
  const ms = lastMs;
  const hi = Math.floor(ms / 0x1000000);
  const lo = ms % 0x1000000;
  return (
    HEX[(hi >>> 16) & 0xff]! +
    HEX[(hi >>> 8) & 0xff]! +
    HEX[hi & 0xff]! +
    HEX[(lo >>> 16) & 0xff]! +
    '-' +
    HEX[(lo >>> 8) & 0xff]! +
    HEX[lo & 0xff]! +
    '-' +
    HEX[0x70 | (sequence >>> 8)]! +
    HEX[sequence & 0xff]! +
    '-' +
    HEX[0x80 | (r[8]! & 0x3f)]! +
    HEX[r[9]!]! +
    '-' +
    HEX[r[10]!]! +
    HEX[r[11]!]! +
    HEX[r[12]!]! +
    HEX[r[13]!]! +
    HEX[r[14]!]! +
    HEX[r[15]!]!
  );
}
