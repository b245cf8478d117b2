import { describe, expect, it } from 'vitest';
import { statusDiff, tierDiff } from '@/lib/stats/adjustment-diff';

const gold = { name: 'Gold', probability: 0.1, stock: 20, wins: 3 };

describe('dashboard diff previews', () => {
  it('shows odds, stock, remaining wins and the no-win share before → after, marking what changes', () => {
    const d = tierDiff(gold, { probability: 0.15, stock: 25 }, 0.4);
    expect(d.rows).toEqual([
      { field: 'Odds', before: '10%', after: '15%', changed: true },
      { field: 'Tier stock', before: '20', after: '25', changed: true },
      { field: 'Remaining wins', before: '17', after: '22', changed: true },
      { field: 'No win (all tiers)', before: '50%', after: '45%', changed: true },
    ]);
    expect(d.errors).toEqual([]);
  });

  it('refuses a change that changes nothing, sums the odds over 100 % or drops stock below the wins drawn', () => {
    expect(tierDiff(gold, { probability: 0.1, stock: 20 }, 0.4).errors).toEqual([
      'Nothing changes: enter new odds or a new stock.',
    ]);
    expect(tierDiff(gold, { probability: 0.7, stock: 20 }, 0.4).errors).toEqual([
      'The odds of all tiers would add up to 110%, more than 100%.',
    ]);
    expect(tierDiff(gold, { probability: 0.1, stock: 2 }, 0.4).errors).toEqual([
      'The stock cannot go below the 3 wins already drawn.',
    ]);
    // Millionths, not floats: 0.1 + 0.2 + 0.7 is exactly 100 %.
    expect(tierDiff({ ...gold, probability: 0.2 }, { probability: 0.7, stock: 20 }, 0.3).errors).toEqual([]);
  });

  it('previews a status change with its consequences', () => {
    expect(statusDiff('LIVE', 'pause').rows).toEqual([
      { field: 'Status', before: 'Live', after: 'Paused', changed: true },
    ]);
    expect(statusDiff('PAUSED', 'end').notes.join(' ')).toMatch(/cannot be resumed/);
  });
});
