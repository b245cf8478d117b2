/** Ids in URLs are UUIDs; anything else cannot name a row, so it is simply not found. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

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
    HEX[(hi >>> 16) & 0xff]! + HEX[(hi >>> 8) & 0xff]! + HEX[hi & 0xff]! + HEX[(lo >>> 16) & 0xff]! + '-' +
    HEX[(lo >>> 8) & 0xff]! + HEX[lo & 0xff]! + '-' +
    HEX[0x70 | (sequence >>> 8)]! + HEX[sequence & 0xff]! + '-' +
    HEX[0x80 | (r[8]! & 0x3f)]! + HEX[r[9]!]! + '-' +
    HEX[r[10]!]! + HEX[r[11]!]! + HEX[r[12]!]! + HEX[r[13]!]! + HEX[r[14]!]! + HEX[r[15]!]!
  );
}
