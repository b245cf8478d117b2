// The provably fair draw number (docs/fairness.md): for i = 0, 1, …
// x = the first 8 bytes, big-endian, of HMAC-SHA256(seed, JSON.stringify(message with i appended)),
// the first x below the largest multiple of the range under 2^64 kept, r = x mod range. The key is
// chosen by the user, so the server cannot pick a favourable message; the seed is committed first.
import { createHmac, type KeyObject } from 'node:crypto';
import type { SeedMac } from './seed-mac';

export const FAIRNESS_ALGORITHM = 'hmac-sha256-r1e6-v1';
/** The draw's range: r in [0, 10^6), odds in millionths. */
const DRAW_RANGE = 1_000_000;
/** The largest multiple of DRAW_RANGE under 2^64 (18446744073709000000), as its high and low 32-bit words. */
const DRAW_LIMIT = (1n << 64n) - ((1n << 64n) % BigInt(DRAW_RANGE));
const DRAW_LIMIT_HI = Number(DRAW_LIMIT >> 32n);
const DRAW_LIMIT_LO = Number(DRAW_LIMIT & 0xffffffffn);
/** 2^32 mod DRAW_RANGE: x mod 10^6 = (hi · this + lo) mod 10^6, exact in doubles (below 2^53). */
const TWO_32_MOD_RANGE = 2 ** 32 % DRAW_RANGE;

/** The counter and the number it gave: i is the first counter whose x passed rejection. */
export type DerivedNumber = { i: number; r: number };

/**
 * Rejection sampling: words of `bits` bits (word(i) for i = from, from + 1, …) to a uniform
 * integer in [0, range). A word at or above the largest multiple of the range that fits is
 * skipped, so `x mod range` has no modulo bias. Apart from the HMAC so a test can feed it
 * narrow words, where a bias would show.
 */
export function sampleBelow(word: (i: number) => bigint, bits: number, range: number, from = 0): DerivedNumber {
  const n = BigInt(range);
  const size = 1n << BigInt(bits);
  const limit = size - (size % n);
  for (let i = from; ; i++) {
    const x = word(i);
    if (x < limit) return { i, r: Number(x % n) };
  }
}

/**
 * The key of the HMAC: the seed itself (node's createHmac, the reference), or a SeedMac made from
 * it (lib/fairness/seed-mac.ts: the same HMAC, cheaper per message; what the draw uses).
 */
export type SeedKey = KeyObject | Buffer | SeedMac;

/**
 * A uniform integer in [0, range) from the seed and the message parts (each draw's
 * [activityId, userId, idempotencyKey], fixed winners' ["fixed-winners", activityId]), i appended:
 * x = the first 8 bytes, big-endian, of HMAC-SHA256(seed, JSON.stringify([...parts, i])).
 * `from` starts the counter (fixed winners continue where the previous number stopped).
 */
export function deriveNumber(
  seed: SeedKey,
  parts: readonly (string | number)[],
  range: number = DRAW_RANGE,
  from = 0,
): DerivedNumber {
  const first8 = wordsOf(seed, parts);
  if (range === DRAW_RANGE) {
    // The draw's own range, on every draw: the same rejection and modulo in 32-bit words, no BigInt.
    for (let i = from; ; i++) {
      const [hi, lo] = first8(i);
      const r = drawRangeWords(hi, lo);
      if (r !== null) return { i, r };
    }
  }
  return sampleBelow(
    (i) => {
      const [hi, lo] = first8(i);
      return (BigInt(hi) << 32n) | BigInt(lo);
    },
    64,
    range,
    from,
  );
}

/** The HMAC digest's first 8 bytes of JSON.stringify([...parts, i]), as two unsigned 32-bit words, big-endian. */
function wordsOf(seed: SeedKey, parts: readonly (string | number)[]): (i: number) => [number, number] {
  if ('first8Json' in seed) return (i) => seed.first8Json(parts, i);
  // JSON.stringify([...parts, i]) for every i, from one serialization of the parts (i is an integer).
  const prefix = parts.length ? `${JSON.stringify(parts).slice(0, -1)},` : '[';
  return (i) => {
    const digest = createHmac('sha256', seed).update(`${prefix}${i}]`).digest();
    return [digest.readUInt32BE(0), digest.readUInt32BE(4)];
  };
}

/**
 * x (the digest's first 8 bytes, big-endian) mod 10^6, or null when x is at or above the largest
 * multiple of 10^6 under 2^64 (rejected): sampleBelow's answer for 64-bit words and DRAW_RANGE.
 */
export function drawRangeNumber(digest: Buffer): number | null {
  return drawRangeWords(digest.readUInt32BE(0), digest.readUInt32BE(4));
}

/** drawRangeNumber of x given as its high and low unsigned 32-bit words. */
function drawRangeWords(hi: number, lo: number): number | null {
  if (hi > DRAW_LIMIT_HI || (hi === DRAW_LIMIT_HI && lo >= DRAW_LIMIT_LO)) return null;
  return (hi * TWO_32_MOD_RANGE + lo) % DRAW_RANGE;
}

/** The draw's number: m = [activityId, userId, idempotencyKey, i]. */
export function deriveDrawNumber(
  seed: SeedKey,
  draw: { activityId: string; userId: string; idempotencyKey: string },
): DerivedNumber {
  return deriveNumber(seed, [draw.activityId, draw.userId, draw.idempotencyKey]);
}

/** The tier the odds (micros, in listed order) give r: the first whose running sum exceeds it; null past the last. */
export function pickTierIndex(oddsMicros: readonly number[], r: number): number | null {
  let sum = 0;
  for (let t = 0; t < oddsMicros.length; t++) {
    sum += oddsMicros[t]!;
    if (r < sum) return t;
  }
  return null;
}
