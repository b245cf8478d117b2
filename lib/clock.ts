// The time the books decide by: scheduled starts and ends, the settle sweep, claim expiry, the
// draw's period check and its local day. In production it is Date.now(). With CLOCK_OFFSET_FILE
// set (tests only) the file's number of milliseconds is added, re-read at most every 200 ms, so a
// test can step one process's clock forward or back while it runs (docs/job-faults.md).
// PostgreSQL and Redis keep their own clocks: row defaults, stream entry ids and key expiry do
// not follow it.
import { readFileSync } from 'node:fs';
import { config } from './config';

const REREAD_MS = 200;

let offsetFile: string | null | undefined;
let offsetMs = 0;
let readAtMs = Number.NEGATIVE_INFINITY;

/** Milliseconds since the epoch, as the process's clock (and a test's offset) says. */
export function nowMs(): number {
  const real = Date.now();
  if (offsetFile === undefined) offsetFile = config().CLOCK_OFFSET_FILE ?? null;
  if (offsetFile === null) return real;
  if (real - readAtMs >= REREAD_MS || real < readAtMs) {
    readAtMs = real;
    offsetMs = readOffset(offsetFile);
  }
  return real + offsetMs;
}

export function now(): Date {
  return new Date(nowMs());
}

function readOffset(file: string): number {
  try {
    const ms = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(ms) ? ms : 0;
  } catch {
    // No file yet, or one being replaced: no offset.
    return 0;
  }
}

/** For tests that change CLOCK_OFFSET_FILE within one process. */
export function resetClockForTests() {
  offsetFile = undefined;
  offsetMs = 0;
  readAtMs = Number.NEGATIVE_INFINITY;
}
