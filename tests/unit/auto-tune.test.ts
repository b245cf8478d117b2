import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideTunedProbability, evenReleaseTarget, MAX_STEP } from '@/lib/odds/decide-tuned-probability';

describe('decideTunedProbability', () => {
  it('raises the odds behind the curve, lowers them ahead of it, and keeps them on it', () => {
    const bounds = { minMicros: 100, maxMicros: 50_000, horizonWins: 20 };
    expect(decideTunedProbability({ probabilityMicros: 1_000, issued: 50, target: 100, ...bounds })).toBeGreaterThan(
      1_000,
    );
    expect(decideTunedProbability({ probabilityMicros: 1_000, issued: 150, target: 100, ...bounds })).toBeLessThan(
      1_000,
    );
    expect(decideTunedProbability({ probabilityMicros: 1_000, issued: 92, target: 100, ...bounds })).toBe(1_000);
    expect(
      decideTunedProbability({
        probabilityMicros: 0,
        issued: 0,
        target: 10,
        horizonWins: 5,
        minMicros: 0,
        maxMicros: 10,
      }),
    ).toBeGreaterThan(0);
    // Out of bounds (the operator narrowed them): brought back in, even on the curve.
    expect(decideTunedProbability({ probabilityMicros: 99_000, issued: 100, target: 100, ...bounds })).toBe(50_000);
  });

  it('never leaves the bounds nor moves more than one step, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        (p, a, issued, target, b, horizonWins) => {
          const [minMicros, maxMicros] = a <= b ? [a, b] : [b, a];
          const next = decideTunedProbability({
            probabilityMicros: p,
            issued,
            target,
            horizonWins,
            minMicros,
            maxMicros,
          });
          expect(Number.isInteger(next)).toBe(true);
          expect(next).toBeGreaterThanOrEqual(minMicros);
          expect(next).toBeLessThanOrEqual(maxMicros);
          // Inside the bounds, a round moves by at most MAX_STEP (plus rounding).
          if (p >= minMicros && p <= maxMicros) expect(next).toBeLessThanOrEqual(Math.max(1, Math.ceil(p * MAX_STEP)));
          if (p >= minMicros && p <= maxMicros) expect(next).toBeGreaterThanOrEqual(Math.floor(p / MAX_STEP));
        },
      ),
    );
  });

  it('targets stock·elapsed/period', () => {
    expect(evenReleaseTarget(100, 0, 1_000, -5)).toBe(0);
    expect(evenReleaseTarget(100, 0, 1_000, 250)).toBe(25);
    expect(evenReleaseTarget(100, 0, 1_000, 5_000)).toBe(100);
  });
});

/**
 * A day of traffic in 5-minute rounds: a diurnal crowd (quiet nights, busy evenings) draws,
 * each draw wins with the tier's current odds (crypto integers against millionths, as the
 * picker does) while stock lasts; after each round the tuner may move the odds, closing gaps
 * over an hour as the job does.
 */
function simulateDay({
  tune,
  startMicros,
  stock = 500,
  minMicros = 100,
  maxMicros = 20_000,
}: {
  tune: boolean;
  startMicros: number;
  stock?: number;
  minMicros?: number;
  maxMicros?: number;
}) {
  const rounds = 288;
  const periodMs = 24 * 3600_000;
  const roundMs = periodMs / rounds;
  let p = startMicros;
  let issued = 0;
  const trace: { at: number; issued: number; target: number; p: number }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const hour = ((round - 1) * 24) / rounds;
    const draws = Math.round(600 + 500 * Math.sin(((hour - 9) / 24) * 2 * Math.PI)) + randomInt(0, 200);
    for (let d = 0; d < draws && issued < stock; d++) if (randomInt(0, 1_000_000) < p) issued++;
    const now = round * roundMs;
    const target = evenReleaseTarget(stock, 0, periodMs, now);
    if (tune)
      p = decideTunedProbability({
        probabilityMicros: p,
        issued,
        target,
        horizonWins: (stock * 3600_000) / periodMs,
        minMicros,
        maxMicros,
      });
    trace.push({ at: round / rounds, issued, target, p });
  }
  return trace;
}

describe('auto-tuning over a simulated day', () => {
  it('stays within the bounds and follows the even-release curve from odds 4× too high; untuned, the stock is gone before midday', () => {
    const untuned = simulateDay({ tune: false, startMicros: 10_000 });
    expect(untuned.find((s) => s.issued >= 500)!.at).toBeLessThan(0.5);

    const tuned = simulateDay({ tune: true, startMicros: 10_000 });
    for (const s of tuned) {
      expect(s.p).toBeGreaterThanOrEqual(100);
      expect(s.p).toBeLessThanOrEqual(20_000);
    }
    // After a settling hour, never more than 12 % of the stock off the curve, and nearly all issued by the end.
    for (const s of tuned.filter((x) => x.at >= 1 / 24)) expect(Math.abs(s.issued - s.target)).toBeLessThanOrEqual(60);
    expect(tuned.at(-1)!.issued).toBeGreaterThanOrEqual(450);
  });

  it('also climbs from odds 20× too low', () => {
    const untuned = simulateDay({ tune: false, startMicros: 100 });
    expect(untuned.at(-1)!.issued).toBeLessThan(100);
    const tuned = simulateDay({ tune: true, startMicros: 100 });
    for (const s of tuned.filter((x) => x.at >= 0.25)) expect(Math.abs(s.issued - s.target)).toBeLessThanOrEqual(60);
    expect(tuned.at(-1)!.issued).toBeGreaterThanOrEqual(450);
  });

  it("stops at the operator's ceiling when even that cannot keep up, and says so by staying behind", () => {
    const tuned = simulateDay({ tune: true, startMicros: 100, maxMicros: 500 });
    expect(Math.max(...tuned.map((s) => s.p))).toBe(500);
    expect(tuned.at(-1)!.issued).toBeLessThan(tuned.at(-1)!.target);
  });
});
