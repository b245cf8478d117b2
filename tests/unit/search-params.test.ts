// The console's filter query strings (lib/http/search-params.ts): what parses is kept, the rest
// dropped; links carry only non-empty values; a day range includes its last day.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dayRangeIn } from '@/lib/activities/zoned-time';
import { hrefWithQuery, pickQuery } from '@/lib/http/search-params';

const fields = { activity: z.uuid(), from: z.iso.date(), cursor: z.string().regex(/^\d+$/) };

describe('filter query strings', () => {
  it('keeps what parses, drops the rest, and leaves out absent keys', () => {
    const id = '0b6f1c2e-7d3a-4c1b-9e8f-2a4b6c8d0e1f';
    expect(pickQuery({ activity: id, from: '2026-02-30x', cursor: ['1', '2'], other: 'x' }, fields)).toEqual({
      activity: id,
    });
    expect(Object.keys(pickQuery({}, fields))).toEqual([]);
    expect(pickQuery({ from: '2026-11-28', cursor: '42' }, fields)).toEqual({ from: '2026-11-28', cursor: '42' });
  });

  it('links with the non-empty values only', () => {
    expect(hrefWithQuery('/t/demo/winners', { activity: 'a b', status: '', cursor: undefined })).toBe(
      '/t/demo/winners?activity=a+b',
    );
    expect(hrefWithQuery('/t/demo/winners', {})).toBe('/t/demo/winners');
  });

  it('turns whole days of a zone into [from, until) with the last day included', () => {
    expect(dayRangeIn('2026-11-01', '2026-11-28', 'UTC')).toEqual({
      from: new Date('2026-11-01T00:00:00Z'),
      until: new Date('2026-11-29T00:00:00Z'),
    });
    expect(dayRangeIn('2026-11-01', '2026-11-28', 'Asia/Shanghai')).toEqual({
      from: new Date('2026-10-31T16:00:00Z'),
      until: new Date('2026-11-28T16:00:00Z'),
    });
    // New York leaves summer time on 1 Nov 2026: that day has 25 hours.
    expect(dayRangeIn('2026-11-01', '2026-11-01', 'America/New_York')).toEqual({
      from: new Date('2026-11-01T04:00:00Z'),
      until: new Date('2026-11-02T05:00:00Z'),
    });
    expect(dayRangeIn(undefined, undefined, 'UTC')).toEqual({ from: undefined, until: undefined });
  });
});
