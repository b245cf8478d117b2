// The draw's HMAC (lib/fairness/seed-mac.ts) against node's createHmac, the reference a verifier
// uses: every message length around the block boundaries, UTF-8 beyond ASCII, several keys.
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveDrawNumber, deriveNumber } from '@/lib/fairness/derive-draw-number';
import { seedMac } from '@/lib/fairness/seed-mac';

const reference = (key: Buffer, message: string) => {
  const digest = createHmac('sha256', key).update(message).digest();
  return [digest.readUInt32BE(0), digest.readUInt32BE(4)];
};

describe('the seed MAC', () => {
  it('gives the first 8 bytes of HMAC-SHA256 for messages of every length up to four blocks', () => {
    for (const size of [32, 16, 64, 1]) {
      const key = randomBytes(size);
      const mac = seedMac(key);
      for (let n = 0; n <= 260; n++) {
        const message = randomBytes(n).toString('base64').slice(0, n);
        expect(mac.first8(message), `key ${size} bytes, message ${n} characters`).toEqual(reference(key, message));
      }
    }
  });

  it('encodes characters beyond ASCII as UTF-8, as createHmac does', () => {
    const key = randomBytes(32);
    const mac = seedMac(key);
    const samples = [
      'é',
      'ü'.repeat(40),
      '日本語のユーザー',
      '😀'.repeat(33),
      'a\u2028b',
      `["x","ñ${'z'.repeat(60)}",0]`,
    ];
    for (const message of samples) expect(mac.first8(message), message).toEqual(reference(key, message));
    // An ASCII message after a longer non-ASCII one: nothing of the earlier bytes stays.
    expect(mac.first8('short')).toEqual(reference(key, 'short'));
  });

  it('hashes [...parts, i] as JSON.stringify writes it, for parts it escapes or encodes and for long ones', () => {
    const key = randomBytes(32);
    const mac = seedMac(key);
    const texts = [
      '',
      'alice',
      'k-1',
      '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      'say "hi"',
      'back\\slash',
      'tab\there',
      'nul\u0000',
      '\u007f~ !',
      'é',
      '日本語',
      '😀',
      'lone \ud800',
      'a\u2028b',
      'x'.repeat(200),
    ];
    for (const a of texts)
      for (const b of texts)
        for (const i of [0, 1, 9, 10, 12345, 2 ** 31])
          expect(mac.first8Json([a, b, 'k-1'], i), JSON.stringify([a, b, i])).toEqual(
            reference(key, JSON.stringify([a, b, 'k-1', i])),
          );
    // Every message length across the block boundaries, and a number among the parts.
    for (let n = 0; n <= 140; n++) {
      const part = 'q'.repeat(n);
      expect(mac.first8Json([part], 0)).toEqual(reference(key, JSON.stringify([part, 0])));
      expect(mac.first8Json([n, part], 3)).toEqual(reference(key, JSON.stringify([n, part, 3])));
    }
    expect(mac.first8Json([], 7)).toEqual(reference(key, '[7]'));
  });

  it('derives the same draw numbers as the seed itself, in the draw range and in others', () => {
    const seed = randomBytes(32);
    const mac = seedMac(seed);
    for (let n = 0; n < 300; n++) {
      const draw = {
        activityId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
        userId: `user-${n}`,
        idempotencyKey: `k-${n}`,
      };
      expect(deriveDrawNumber(mac, draw)).toEqual(deriveDrawNumber(seed, draw));
      expect(deriveNumber(mac, ['fixed-winners', draw.userId], 7 + n, n % 4)).toEqual(
        deriveNumber(seed, ['fixed-winners', draw.userId], 7 + n, n % 4),
      );
    }
  });

  it('reproduces the documented worked example', () => {
    const seed = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
    const draw = { activityId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', userId: 'alice', idempotencyKey: 'k-1' };
    expect(deriveDrawNumber(seedMac(seed), draw)).toEqual({ i: 0, r: 972282 });
  });
});
