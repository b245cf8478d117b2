import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reservoirSample, type RandomBelow } from '@/lib/fixed-winners/reservoir-sample';
import { goodnessOfFit } from '@/lib/odds/chi-square';

const PARTICIPANTS = 50;
const WINNERS = 5;
const RUNS = 2_000;
const people = Array.from({ length: PARTICIPANTS }, (_, i) => `user-${i}`);

async function* stream<T>(items: T[]) {
  for (const item of items) yield item;
}

/** Wins per participant over many runs, and the p-value of "every participant is equally likely". */
async function uniformity(randomBelow?: RandomBelow) {
  const wins = new Map(people.map((p) => [p, 0]));
  for (let run = 0; run < RUNS; run++) {
    const winners = await reservoirSample(stream(people), WINNERS, randomBelow);
    expect(winners).toHaveLength(WINNERS);
    expect(new Set(winners).size).toBe(WINNERS);
    for (const w of winners) wins.set(w, wins.get(w)! + 1);
  }
  return goodnessOfFit([...wins.values()], people.map(() => 1 / PARTICIPANTS)).pValue;
}

describe('reservoir sampling of fixed winners', () => {
  it('picks exactly N distinct participants, each from the stream', async () => {
    for (let run = 0; run < 200; run++) {
      const winners = await reservoirSample(stream(people), WINNERS);
      expect(winners).toHaveLength(WINNERS);
      expect(new Set(winners).size).toBe(WINNERS);
      for (const w of winners) expect(people).toContain(w);
    }
  });

  it('takes everyone when there are fewer participants than winners, and no one from an empty stream', async () => {
    expect((await reservoirSample(stream(people.slice(0, 3)), WINNERS)).sort()).toEqual(people.slice(0, 3).sort());
    expect(await reservoirSample(stream([]), WINNERS)).toEqual([]);
    expect(await reservoirSample(stream(people), 0)).toEqual([]);
    await expect(reservoirSample(stream(people), -1)).rejects.toThrow(RangeError);
  });

  it('is uniform over participants: 2,000 runs of 5 among 50 pass a chi-square test', async () => {
    expect(await uniformity()).toBeGreaterThan(0.001);
  });

  it('the same test rejects a biased sampler (5 random bits folded onto the range with %)', async () => {
    // Too few random bits: j never exceeds 31, so participant i > 31 replaces a winner with
    // probability 5/32 instead of 5/(i+1), and late participants win far too often.
    const fewBits: RandomBelow = (max) => randomInt(0, 32) % max;
    expect(await uniformity(fewBits)).toBeLessThan(0.001);
  });
});
