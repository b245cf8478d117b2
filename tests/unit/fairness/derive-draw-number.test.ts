// The fairness sampler: the documented worked example, uniformity of derived draws, and a
// biased sampler (modulo without rejection) that the same chi-square test catches.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  deriveDrawNumber,
  deriveNumber,
  drawRangeNumber,
  pickTierIndex,
  sampleBelow,
  type DerivedNumber,
} from '@/lib/fairness/derive-draw-number';
import { chiSquare, chiSquarePValue } from '@/lib/odds/chi-square';

/** The worked example of docs/fairness.md. */
const EXAMPLE = {
  seed: Buffer.from(Array.from({ length: 32 }, (_, i) => i)),
  draw: { activityId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', userId: 'alice', idempotencyKey: 'k-1' },
};

describe('the fair draw number', () => {
  it('reproduces the documented worked example: commitment, HMAC, x and r', () => {
    expect(createHash('sha256').update(EXAMPLE.seed).digest('hex')).toBe(
      '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd',
    );
    const m = JSON.stringify(['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 'alice', 'k-1', 0]);
    expect(m).toBe('["0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","alice","k-1",0]');
    const mac = createHmac('sha256', EXAMPLE.seed).update(m).digest();
    expect(mac.subarray(0, 8).toString('hex')).toBe('28fbf6ed8637b67a');
    expect(mac.readBigUInt64BE(0)).toBe(2953225480690972282n);
    expect(deriveDrawNumber(EXAMPLE.seed, EXAMPLE.draw)).toEqual({ i: 0, r: 972282 });
  });

  it('keeps the first x below 18446744073709000000 and moves on to the next i otherwise', () => {
    const words = [18446744073709000000n, 18446744073709551615n, 1_000_123n];
    expect(sampleBelow((i) => words[i]!, 64, 1_000_000)).toEqual({ i: 2, r: 123 });
    expect(sampleBelow((i) => words[i]!, 64, 1_000_000, 2)).toEqual({ i: 2, r: 123 });
  });

  it('reads x mod 10^6 from 32-bit words exactly as from the 64-bit word, rejections included', () => {
    const limit = 18446744073709000000n;
    const asBigint = (x: bigint) => (x < limit ? Number(x % 1_000_000n) : null);
    const edges = [0n, 1n, 999_999n, 1_000_000n, (1n << 32n) - 1n, 1n << 32n, limit - 1n, limit, limit + 1n];
    const words = [
      ...edges,
      (1n << 64n) - 1n,
      ...Array.from({ length: 10_000 }, () => randomBytes(8).readBigUInt64BE(0)),
    ];
    for (const x of words) {
      const digest = Buffer.alloc(32);
      digest.writeBigUInt64BE(x, 0);
      expect(drawRangeNumber(digest), String(x)).toBe(asBigint(x));
    }
    // And the derived numbers match the generic sampler over the HMAC words, counters included.
    const seed = randomBytes(32);
    for (let n = 0; n < 500; n++) {
      const parts = ['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', `user-${n}`, `k "${n}" \\ \u2028`];
      const word = (i: number) =>
        createHmac('sha256', seed)
          .update(JSON.stringify([...parts, i]))
          .digest()
          .readBigUInt64BE(0);
      expect(deriveNumber(seed, parts, 1_000_000, n % 3)).toEqual(sampleBelow(word, 64, 1_000_000, n % 3));
    }
  });

  it('picks the first tier whose running sum of odds exceeds r, none past the last', () => {
    const odds = [1_000, 50_000, 0, 200_000];
    expect(pickTierIndex(odds, 0)).toBe(0);
    expect(pickTierIndex(odds, 999)).toBe(0);
    expect(pickTierIndex(odds, 1_000)).toBe(1);
    expect(pickTierIndex(odds, 50_999)).toBe(1);
    expect(pickTierIndex(odds, 51_000)).toBe(3);
    expect(pickTierIndex(odds, 250_999)).toBe(3);
    expect(pickTierIndex(odds, 251_000)).toBeNull();
    expect(pickTierIndex([], 0)).toBeNull();
  });

  it('derives r uniform on [0, 10^6): chi-square over 100,000 draws in 100 buckets', () => {
    const seed = randomBytes(32);
    const activityId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const buckets = new Array<number>(100).fill(0);
    for (let n = 0; n < 100_000; n++) {
      const { r } = deriveDrawNumber(seed, { activityId, userId: `u${n % 997}`, idempotencyKey: `k-${n}` });
      expect(r).toBeLessThan(1_000_000);
      buckets[Math.floor(r / 10_000)]!++;
    }
    const p = chiSquarePValue(
      chiSquare(
        buckets,
        buckets.map(() => 1_000),
      ),
      99,
    );
    // Fails a fair sampler once in 10^6 runs.
    expect(p).toBeGreaterThan(1e-6);
    // 100,000 HMACs: room for a machine busy with other work, not a speed requirement.
  }, 60_000);

  it('detects a biased sampler (modulo without rejection on 8-bit words) and passes the rejecting one', () => {
    const seed = randomBytes(32);
    const range = 100;
    // 8-bit words from the same HMAC: 256 mod 100 = 56, so without rejection 0..55 come 3 times in 256, the rest 2.
    const byte = (n: number) => (i: number) => BigInt(createHmac('sha256', seed).update(`${n}:${i}`).digest()[0]!);
    const modulo = (n: number): DerivedNumber => ({ i: 0, r: Number(byte(n)(0) % BigInt(range)) });
    const rejecting = (n: number) => sampleBelow(byte(n), 8, range);
    const pValue = (sample: (n: number) => DerivedNumber) => {
      const counts = new Array<number>(range).fill(0);
      for (let n = 0; n < 20_000; n++) counts[sample(n).r]!++;
      return chiSquarePValue(
        chiSquare(
          counts,
          counts.map(() => 20_000 / range),
        ),
        range - 1,
      );
    };
    expect(pValue(modulo)).toBeLessThan(1e-6);
    expect(pValue(rejecting)).toBeGreaterThan(1e-6);
  });

  it('derives numbers in any range for fixed winners, counter continuing from `from`', () => {
    const seed = randomBytes(32);
    const first = deriveNumber(seed, ['fixed-winners', EXAMPLE.draw.activityId], 7);
    expect(first.r).toBeGreaterThanOrEqual(0);
    expect(first.r).toBeLessThan(7);
    const next = deriveNumber(seed, ['fixed-winners', EXAMPLE.draw.activityId], 7, first.i + 1);
    expect(next.i).toBeGreaterThan(first.i);
  });
});
