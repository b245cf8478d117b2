// The board's slots: prize labels, sizes that follow the odds when asked, labels that fit.
import { describe, expect, it } from 'vitest';
import { fitLabel, MIN_SLICE_SHARE, segmentAngles, segmentsOf } from '@/components/h5/segments';

const tier = (id: string, probability: number, name: string, quantity = 1) => ({
  id,
  name: `tier ${id}`,
  probability,
  prizes: [{ prizeId: `p-${id}`, name, imageUrl: id === 'a' ? '/uploads/x.png' : null, quantity }],
});

describe('board segments', () => {
  it('shows each prize (name, quantity, image) with no-prize slots between, equal sizes by default', () => {
    const s = segmentsOf([tier('a', 0.1, 'Headphones'), tier('b', 0.2, 'Points', 5)], true, 'Not this time', {
      minimum: 6,
    });
    expect(s.map((x) => x.label)).toEqual([
      'Headphones',
      'Not this time',
      'Points ×5',
      'Not this time',
      'Headphones',
      'Not this time',
    ]);
    expect(s[0]!.imageUrl).toBe('/uploads/x.png');
    expect(new Set(s.map((x) => x.weight))).toEqual(new Set([1 / 6]));
  });

  it('sizes slots by the odds when asked, none below the visible minimum, the whole wheel covered', () => {
    const s = segmentsOf([tier('a', 0.001, 'Car'), tier('b', 0.5, 'Sticker')], true, 'No', { sizeByOdds: true });
    expect(s.map((x) => x.tierId)).toEqual(['a', null, 'b', null]);
    expect(s[0]!.weight).toBe(MIN_SLICE_SHARE);
    expect(s[2]!.weight).toBeGreaterThan(s[1]!.weight);
    const angles = segmentAngles(s);
    expect(angles[angles.length - 1]!.to).toBeCloseTo(360, 6);
  });

  it('wraps a label into lines and shrinks it instead of cutting it', () => {
    const { lines, scale } = fitLabel('Daily check-in bonus points', 12);
    expect(lines.join(' ')).toBe('Daily check-in bonus points');
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(scale).toBeLessThanOrEqual(1);
    const zh = fitLabel('无线降噪耳机一副加充电宝', 8);
    expect(zh.lines.join('')).toBe('无线降噪耳机一副加充电宝');
    const long = fitLabel('Supercalifragilisticexpialidocious', 10);
    expect(long.lines).toEqual(['Supercalifragilisticexpialidocious']);
    expect(long.scale).toBeLessThan(0.5);
  });
});
