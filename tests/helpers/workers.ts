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

/**
 * Reads `what` every 100 ms until `ok` holds or `timeoutMs` passes; the last value read either way.
 * A read still unanswered at the deadline (a client waiting on a connection that does not come back)
 * throws, naming it, rather than holding the test until the runner's timeout says nothing.
 */
export async function waitFor<T>(
  what: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await answeredBy(what, deadline);
    if (ok(v) || Date.now() > deadline) return v;
    await sleep(everyMs);
  }
}

/** What `what` reads, or a throw once it is a second past `deadline` without an answer. */
async function answeredBy<T>(what: () => Promise<T>, deadline: number): Promise<T> {
  const late = new AbortController();
  const unanswered = sleep(Math.max(0, deadline - Date.now()) + 1_000, undefined, { signal: late.signal }).then(
    () => {
      throw new Error(`waitFor: a read was still unanswered past the deadline: ${what.toString().slice(0, 200)}`);
    },
    () => undefined as never,
  );
  try {
    return await Promise.race([what(), unanswered]);
  } finally {
    late.abort();
  }
}
