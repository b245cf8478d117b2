// When a failed delivery is tried again: the waits of WEBHOOK_RETRY_SCHEDULE one after another
// (10 s, 30 s, 2 min, 10 min, 30 min, then hourly), until the delivery is 24 h old.
import { config } from '../config';

export const DELIVERY_WINDOW_MS = 24 * 3600_000;

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

export function retryWaitsMs(schedule = config().WEBHOOK_RETRY_SCHEDULE): number[] {
  return schedule.split(',').map((part) => {
    const [, n, unit] = /^(\d+)(ms|s|m|h)$/.exec(part)!;
    return Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
  });
}

/** The wait before the next attempt after `attempts` attempts have failed (1 → the first wait). */
export function retryWaitMs(attempts: number, waits = retryWaitsMs()): number {
  return waits[Math.min(attempts, waits.length) - 1] ?? waits[0]!;
}
