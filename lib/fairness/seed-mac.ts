// HMAC-SHA256 (RFC 2104, FIPS 180-4) with the key's two padded blocks hashed once: the draw derives
// one number per draw from the same seed, and node's createHmac costs a native object, the key's
// two blocks and a digest Buffer each time (several µs). Here a draw's message costs its own two
// or three compressions in plain 32-bit arithmetic, and only the digest's first 8 bytes come back,
// as two words. SHA-256 has no table indexed by data, so the time does not depend on the key.
// The reference (createHmac) stays in derive-draw-number.ts, for verification; a test checks the
// two agree.

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const INITIAL = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const BLOCK = 64;

/** The message schedule, shared: one computation runs at a time (synchronous, single thread). */
const W = new Int32Array(64);
const state = new Int32Array(8);
let bytes = new Uint8Array(256);

/** One SHA-256 compression of the block in W[0..15] into h. */
function compress(h: Int32Array): void {
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15]!;
    const w2 = W[t - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
  }
  let a = h[0]!;
  let b = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  let f = h[5]!;
  let g = h[6]!;
  let k = h[7]!;
  for (let t = 0; t < 64; t++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (k + s1 + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    k = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + k) | 0;
}

/** Loads W[0..15] from 64 bytes, big-endian words. */
function loadBlock(from: Uint8Array, offset: number): void {
  for (let t = 0; t < 16; t++) {
    const o = offset + 4 * t;
    W[t] = (from[o]! << 24) | (from[o + 1]! << 16) | (from[o + 2]! << 8) | from[o + 3]!;
  }
}

/** The state after hashing the key's block XOR pad (the key being at most one block, zero padded). */
function padState(key: Uint8Array, pad: number): Int32Array {
  const block = new Uint8Array(BLOCK).fill(pad);
  for (let j = 0; j < key.length; j++) block[j] = key[j]! ^ pad;
  const h = Int32Array.from(INITIAL);
  loadBlock(block, 0);
  compress(h);
  return h;
}

/** Room in `bytes` for `size` bytes of message and SHA-256's padding. */
function reserve(size: number): void {
  const room = Math.ceil((size + 9) / BLOCK) * BLOCK;
  if (bytes.length < room) bytes = new Uint8Array(room * 2);
}

/** The message's UTF-8 bytes into `bytes`: their count. */
function encodeText(message: string): number {
  // Room for the longest encoding: 3 bytes per UTF-16 unit.
  reserve(message.length * 3);
  const n = message.length;
  for (let j = 0; j < n; j++) {
    const code = message.charCodeAt(j);
    if (code > 0x7f) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).write(message, 0, 'utf8');
    bytes[j] = code;
  }
  return n;
}

/**
 * JSON.stringify([...parts, i]) into `bytes` without making the text, when every part is text
 * JSON writes as it is (printable ASCII but `"` and `\`): its byte count, or -1 for anything else.
 * `i` is a counter, a non-negative integer.
 */
function encodeJsonParts(parts: readonly (string | number)[], i: number): number {
  let size = 24;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (typeof part !== 'string') return -1;
    size += part.length + 3;
  }
  reserve(size);
  let n = 0;
  bytes[n++] = 0x5b; // [
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p] as string;
    bytes[n++] = 0x22; // "
    for (let j = 0; j < part.length; j++) {
      const code = part.charCodeAt(j);
      // Control characters, '"', '\' and anything past '~' are escaped or encoded by JSON and UTF-8.
      if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c) return -1;
      bytes[n++] = code;
    }
    bytes[n++] = 0x22;
    bytes[n++] = 0x2c; // ,
  }
  const digits = String(i);
  for (let j = 0; j < digits.length; j++) bytes[n++] = digits.charCodeAt(j);
  bytes[n++] = 0x5d; // ]
  return n;
}

/** Pads the n message bytes in `bytes` as SHA-256 pads a message that follows one block: the block count. */
function padMessage(n: number): number {
  const blocks = Math.ceil((n + 9) / BLOCK);
  bytes[n] = 0x80;
  bytes.fill(0, n + 1, blocks * BLOCK);
  // The length in bits, the key's block included, in the last 8 bytes (below 2^53: two exact words).
  const bits = (BLOCK + n) * 8;
  const end = blocks * BLOCK;
  const hi = Math.floor(bits / 2 ** 32);
  const lo = bits >>> 0;
  bytes[end - 8] = hi >>> 24;
  bytes[end - 7] = hi >>> 16;
  bytes[end - 6] = hi >>> 8;
  bytes[end - 5] = hi;
  bytes[end - 4] = lo >>> 24;
  bytes[end - 3] = lo >>> 16;
  bytes[end - 2] = lo >>> 8;
  bytes[end - 1] = lo;
  return blocks;
}

/** HMAC-SHA256 under one key: the digest's first 8 bytes, as two unsigned 32-bit words. */
export type SeedMac = {
  first8(message: string): [hi: number, lo: number];
  /**
   * first8(JSON.stringify([...parts, i])), without making the text when the parts are plain
   * printable ASCII (a draw's ids and key, as a rule), so a draw pays for its compressions only.
   */
  first8Json(parts: readonly (string | number)[], i: number): [hi: number, lo: number];
};

/** A SeedMac for this key (the fairness seed: 32 bytes; a key longer than a block is hashed first). */
export function seedMac(key: Uint8Array): SeedMac {
  if (key.length > BLOCK) throw new Error('seedMac takes a key of at most 64 bytes');
  const inner = padState(key, 0x36);
  const outer = padState(key, 0x5c);
  /** The HMAC of the n message bytes in `bytes`. */
  const mac = (n: number): [number, number] => {
    const blocks = padMessage(n);
    state.set(inner);
    for (let b = 0; b < blocks; b++) {
      loadBlock(bytes, b * BLOCK);
      compress(state);
    }
    // The outer hash's one block: the inner digest (8 words), 0x80, zeros, 768 bits.
    for (let t = 0; t < 8; t++) W[t] = state[t]!;
    W[8] = 0x80000000 | 0;
    for (let t = 9; t < 15; t++) W[t] = 0;
    W[15] = (BLOCK + 32) * 8;
    state.set(outer);
    compress(state);
    return [state[0]! >>> 0, state[1]! >>> 0];
  };
  return {
    first8: (message) => mac(encodeText(message)),
    first8Json(parts, i) {
      const n = encodeJsonParts(parts, i);
      return n < 0 ? mac(encodeText(JSON.stringify([...parts, i]))) : mac(n);
    },
  };
}
