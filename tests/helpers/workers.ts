// The workers as their own process, as production runs them, for tests that kill or restart them.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * `node --import tsx`, not the tsx wrapper: a SIGKILL must hit the worker itself, not a parent
 * that would leave it running as an orphan. `env` adds to the test's own environment (hold points,
 * a clock offset file).
 */
export function startWorkers(env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: 'ignore',
  });
}

/** Reads `what` every 100 ms until `ok` holds or `timeoutMs` passes; the last value read either way. */
export async function waitFor<T>(
  what: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > deadline) return v;
    await sleep(everyMs);
  }
}
