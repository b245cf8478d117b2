import { describe, expect, it } from 'vitest';
import { chiSquare, chiSquarePValue } from '../helpers/stats';

describe('chi-square helper', () => {
  it('matches textbook critical values', () => {
    expect(chiSquarePValue(16.266, 3)).toBeCloseTo(0.001, 4);
    expect(chiSquarePValue(7.815, 3)).toBeCloseTo(0.05, 3);
    expect(chiSquarePValue(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquarePValue(0, 4)).toBe(1);
  });

  it('scores a perfect fit as 0', () => {
    expect(chiSquare([10, 20, 70], [10, 20, 70])).toBe(0);
  });
});
