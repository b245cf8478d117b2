import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { isUuid, timeOrderedId } from '../../lib/ids';

describe('timeOrderedId', () => {
  it('is a version 7 UUID that carries its millisecond and passes the API validators', () => {
    const at = Date.UTC(2026, 10, 28, 12, 0, 0, 123);
    const id = timeOrderedId(at);
    expect(isUuid(id)).toBe(true);
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('increases strictly, within a millisecond and when the clock steps back', () => {
    const ids = [
      ...Array.from({ length: 5_000 }, () => timeOrderedId(1_900_000_000_000)),
      timeOrderedId(1_899_999_999_000),
      timeOrderedId(1_900_000_000_001),
    ];
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it('keeps 62 random bits: a million ids made in one millisecond are all different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) seen.add(timeOrderedId(2_000_000_000_000).slice(19));
    expect(seen.size).toBe(1_000_000);
  });
});
