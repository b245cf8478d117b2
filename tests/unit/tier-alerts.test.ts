import { describe, expect, it } from 'vitest';
import {
  AHEAD_OF_PACING_SHARE,
  decideAheadOfPacing,
  decideStockLow,
  decideTierAlerts,
  STOCK_LOW_SHARE,
} from '@/lib/alerts/decide-tier-alerts';

const HOUR_MS = 3_600_000;
const start = Date.parse('2026-12-06T00:00:00Z');
// A ten-hour period, on the clock of Shanghai (UTC+8).
const period = { startsAtMs: start, endsAtMs: start + 10 * HOUR_MS, timeZone: 'Asia/Shanghai' };
const tier = (issued: number, over: Partial<{ stock: number; paced: boolean }> = {}) => ({
  id: 't1',
  name: 'Gold',
  stock: 100,
  issued,
  paced: false,
  ...over,
});

describe('a tier ahead of its pacing line', () => {
  it('is quiet on or near the even-release line', () => {
    expect(decideAheadOfPacing(tier(20), period, start + 2 * HOUR_MS)).toBeNull();
    expect(decideAheadOfPacing(tier(39), period, start + 2 * HOUR_MS)).toBeNull();
  });

  it('warns when issued share − elapsed share reaches the threshold, with the projected sell-out in the zone', () => {
    // 40 % issued after 2 h of 10 (20 %): at 20 per hour the other 60 last 3 h, until 05:00 UTC = 13:00 in Shanghai.
    const alert = decideAheadOfPacing(tier(40), period, start + 2 * HOUR_MS)!;
    expect(AHEAD_OF_PACING_SHARE).toBe(0.2);
    expect(alert).toMatchObject({ kind: 'tier_ahead_of_pacing', tierId: 't1', severity: 'WARNING' });
    expect(alert.details).toMatchObject({ issuedShare: 0.4, elapsedShare: 0.2, hoursBeforeEnd: 5 });
    expect(alert.details.runsOutAt).toBe('2026-12-06T05:00:00.000Z');
    expect(alert.message).toContain('Tier "Gold"');
    expect(alert.message).toContain('runs out at 2026-12-06 13:00 (Asia/Shanghai), 5.0 h before the end');
    expect(alert.message).toContain('Pace it evenly, lower its odds or add stock.');
  });

  it('warns a paced tier too, without telling it to pace', () => {
    const alert = decideAheadOfPacing(tier(40, { paced: true }), period, start + 2 * HOUR_MS)!;
    expect(alert.message).toContain('Lower its odds or add stock.');
    expect(alert.message).not.toContain('Pace it');
  });

  it('says a tier that ran out has run out', () => {
    const alert = decideAheadOfPacing(tier(100), period, start + 4 * HOUR_MS)!;
    expect(alert.message).toContain('has run out, 6.0 h before the end');
  });

  it('says nothing before the start, after the end, or for a tier without stock', () => {
    expect(decideAheadOfPacing(tier(50), period, start)).toBeNull();
    expect(decideAheadOfPacing(tier(100), period, period.endsAtMs)).toBeNull();
    expect(decideAheadOfPacing(tier(0, { stock: 0 }), period, start + HOUR_MS)).toBeNull();
  });
});

describe('low stock', () => {
  it('warns at or below the share left with an hour or more to go', () => {
    expect(STOCK_LOW_SHARE).toBe(0.1);
    expect(decideStockLow(tier(89), period, start + 5 * HOUR_MS)).toBeNull();
    const alert = decideStockLow(tier(90), period, start + 5 * HOUR_MS)!;
    expect(alert).toMatchObject({ kind: 'stock_low', details: { remaining: 10, hoursBeforeEnd: 5 } });
    expect(alert.message).toBe(
      'Tier "Gold" is low on stock: 10 of 100 left (10%), 5.0 h before the end. Add stock or lower its odds.',
    );
  });

  it('is quiet in the last hour, when running low is the plan', () => {
    expect(decideStockLow(tier(95), period, period.endsAtMs - HOUR_MS + 1)).toBeNull();
    expect(decideStockLow(tier(95), period, period.endsAtMs - HOUR_MS)).not.toBeNull();
  });
});

describe('every condition of every tier', () => {
  it('keys each condition by activity and tier, holding or not', () => {
    const decided = decideTierAlerts('a1', [tier(95), { ...tier(0), id: 't2' }], period, start + HOUR_MS);
    expect(decided.map((d) => [d.dedupeKey, d.alert?.kind ?? null])).toEqual([
      ['tier-ahead-of-pacing:a1:t1', 'tier_ahead_of_pacing'],
      ['stock-low:a1:t1', 'stock_low'],
      ['tier-ahead-of-pacing:a1:t2', null],
      ['stock-low:a1:t2', null],
    ]);
  });
});
