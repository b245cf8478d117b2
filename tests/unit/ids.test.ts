import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { canonicalParams } from '../../lib/http/handlers';
import { AppError } from '../../lib/errors';
import { canonicalId, Id, idOrNotFound, isUuid, timeOrderedId } from '../../lib/ids';

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
    // A million ids take a second on a quiet machine and more on a busy one: not a timing test.
  }, 60_000);
});

describe('canonical ids', () => {
  const id = '0190A1B2-c3d4-7E5F-8a9b-0C1D2E3F4A5B';
  const canonical = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

  it('spell a UUID in any case one way, lower case, and nothing else as an id', () => {
    expect(canonicalId(id)).toBe(canonical);
    expect(canonicalId(canonical)).toBe(canonical);
    for (const bad of ['', 'not-a-uuid', `${canonical} `, `{${canonical}}`, canonical.replace(/-/g, ''), 42, null]) {
      expect(canonicalId(bad)).toBeNull();
    }
  });

  it('in a body or query: lower-cased, or refused naming the field', () => {
    expect(Id.parse(id)).toBe(canonical);
    const refused = z.strictObject({ prizeId: Id }).safeParse({ prizeId: 'x' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['prizeId']);
  });

  it('naming what to act on: canonical, or 404', () => {
    expect(idOrNotFound(id, 'win')).toBe(canonical);
    const notFound = expect.objectContaining({ code: 'NOT_FOUND', message: 'win nope not found' });
    expect(() => idOrNotFound('nope', 'win')).toThrow(notFound);
    expect(() => idOrNotFound({}, 'win')).toThrow(AppError);
  });

  it('in a route path: params named id or …Id are canonical, others untouched', () => {
    expect(canonicalParams({ id, tierId: id.toUpperCase(), tenant: 'Demo', path: 'A/B' })).toEqual({
      id: canonical,
      tierId: canonical,
      tenant: 'Demo',
      path: 'A/B',
    });
    expect(() => canonicalParams({ activityId: 'x' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
