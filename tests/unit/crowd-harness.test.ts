import { describe, expect, it } from 'vitest';
import { CallLog, percentile } from '../../bench/lib/crowd';

describe('CallLog of the crowd benchmark', () => {
  it('counts the refusals the API designs apart from errors', () => {
    const log = new CallLog();
    const t = performance.now();
    log.record('draw', t, 200, '');
    log.record('draw', t, 409, 'NO_CHANCES');
    log.record('sign_in', t, 409, 'TASK_CAP_REACHED');
    log.record('draw', t, 429, 'RATE_LIMITED');
    log.record('draw', t, 409, 'CONFLICT');
    log.record('view', t, 500, 'INTERNAL');
    log.record('me', t, 0, 'ECONNRESET');
    log.record('draw', t, 503, 'ACTIVITY_REBUILDING');
    log.sessionsNotStarted = 2;
    const { errors, refusals, lines } = log.tally();
    expect(refusals).toBe(3);
    expect(errors).toBe(4 + 2);
    expect(lines).toContain('REFUSED draw 409 NO_CHANCES: 1');
    expect(lines).toContain('ERROR draw 409 CONFLICT: 1');
    expect(lines).toContain('ERROR me 0 ECONNRESET: 1');
  });

  it('finds the answers of a window by the time they came, per call type or all together', () => {
    const log = new CallLog(0);
    log.record('draw', -5, 200, '');
    expect(log.window(0, Infinity).count).toBe(1);
    expect(log.window(0, Infinity, 'draw').count).toBe(1);
    expect(log.window(0, Infinity, 'me').count).toBe(0);
    expect(log.window(Infinity, Infinity).count).toBe(0);
  });
});

describe('percentile', () => {
  it('is the value at the rank, none for no values', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(51);
    expect(percentile(values, 99)).toBe(100);
    expect(percentile([], 99)).toBeNaN();
  });
});
