import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ActivitySpec } from '@/lib/activities/schemas';
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
  return goodnessOfFit(
    [...wins.values()],
    people.map(() => 1 / PARTICIPANTS),
  ).pValue;
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

describe('the fixedWinners field of an activity spec', () => {
  const spec = (fixedWinners: number, stock: number) => ({
    name: 'Lucky five',
    gameplay: 'wheel',
    startsAt: '2030-01-01T00:00:00+08:00',
    endsAt: '2030-01-02T00:00:00+08:00',
    timezone: 'Asia/Shanghai',
    fixedWinners,
    tiers: [
      { name: 'Grand prize', probability: 0, stock, prizes: [{ prizeId: '6f1c2a4e-8b0d-4c1e-9a3f-2b7d5e8c1a90' }] },
    ],
  });

  it("is accepted when the first tier's stock covers it, and refused, naming the field, when not", () => {
    expect(ActivitySpec.parse(spec(5, 5)).fixedWinners).toBe(5);
    const refused = ActivitySpec.safeParse(spec(6, 5));
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((i) => i.path.join('.'))).toEqual(['fixedWinners']);
    expect(ActivitySpec.safeParse(spec(0, 5)).success).toBe(false);
  });
});
