import { describe, expect, it } from 'vitest';
import { localClock, localDay, localHour } from '@/lib/draw/local-day';

describe('the local clock', () => {
  it('gives the day and hour of the zone, right at the edges of a minute and across zones', () => {
    const t = Date.parse('2026-01-01T15:59:59.999Z');
    expect(localClock('Asia/Shanghai', t)).toMatchObject({ day: '2026-01-01', hour: 23 });
    expect(localClock('Asia/Shanghai', t + 1)).toMatchObject({ day: '2026-01-02', hour: 0 });
    expect(localClock('Asia/Shanghai', t)).toMatchObject({ day: '2026-01-01', hour: 23 });
    expect(localDay('America/Los_Angeles', t + 1)).toBe('2026-01-01');
    expect(localHour('America/Los_Angeles', t + 1)).toBe(8);
    expect(localHour('UTC', t + 1)).toBe(16);
  });

  it('follows a daylight-saving change (Europe/Berlin, 2026-03-29 01:00 UTC)', () => {
    const change = Date.parse('2026-03-29T01:00:00Z');
    expect(localHour('Europe/Berlin', change - 1)).toBe(1);
    expect(localHour('Europe/Berlin', change)).toBe(3);
  });
});
