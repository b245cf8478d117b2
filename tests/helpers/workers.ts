// The workers as their own process, as production runs them, for tests that kill or restart them.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * `node --import tsx`, not the tsx wrapper: a SIGKILL must hit the worker itself, not a parent
 * that would leave it running as an orphan. `env` adds to the test's own environment (hold points,
 * a clock offset file). DEBUG_WORKERS_LOG=<file> appends the workers' info logs there.
 */
export function startWorkers(env: Record<string, string> = {}): ChildProcess {
  const logTo = process.env.DEBUG_WORKERS_LOG;
  const out = logTo ? openSync(logTo, 'a') : 'ignore';
  return spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
    env: { ...process.env, LOG_LEVEL: logTo ? 'info' : 'error', ...env },
    stdio: ['ignore', out, out],
  });
}

/** What the helpers below need of the test's database client. */
type Db = { $queryRawUnsafe<T>(query: string): Promise<T> };

/**
 * Stops the workers (SIGSTOP) at a moment they hold no PostgreSQL transaction open: stopped inside
 * one, they would keep its row locks, and the test's own next write to those rows (a delivery of
 * the same event, an activity's rebuild) would wait for good. Fault tests run one file at a time
 * and call this between their own statements, so any other client session in a transaction is the
 * workers'. Tries again for up to 10 s.
 */
export async function stopOutsideTransactions(worker: ChildProcess, db: Db): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    worker.kill('SIGSTOP');
    const [{ n }] = await db.$queryRawUnsafe<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND backend_type = 'client backend'
         AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
    );
    if (n === 0) return;
    worker.kill('SIGCONT');
    await sleep(50);
  }
  throw new Error('the workers kept a transaction open for 10 s: not stopped');
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
