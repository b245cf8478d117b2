// The browser's recomputation (Web Crypto, as the play page's verify dialog and the rules page's
// form run it) against the documented example and the server's derivation.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recomputeDraw } from '@/components/h5/recompute-draw';
import { deriveDrawNumber, pickTierIndex } from '@/lib/fairness/derive-draw-number';

describe('recomputeDraw (Web Crypto)', () => {
  it('reproduces the documented worked example', async () => {
    const seed = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('hex');
    const again = await recomputeDraw(seed, '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 'alice', 'k-1', [972_282, 1]);
    expect(again).toEqual({ i: 0, r: 972282, tier: 1 });
  });

  it("agrees with the server's derivation and tier pick on 500 draws", async () => {
    const seed = randomBytes(32);
    const odds = [100_000, 250_000, 5_000];
    for (let n = 0; n < 500; n++) {
      const draw = { activityId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', userId: `u-${n}`, idempotencyKey: `键-${n}` };
      const server = deriveDrawNumber(seed, draw);
      const browser = await recomputeDraw(
        seed.toString('hex'),
        draw.activityId,
        draw.userId,
        draw.idempotencyKey,
        odds,
      );
      expect(browser).toEqual({ ...server, tier: pickTierIndex(odds, server.r) });
    }
  });
});
