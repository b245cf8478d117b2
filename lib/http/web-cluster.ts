// Every core used: the production server as several processes sharing one listening port
// (node:cluster). The primary only supervises; each worker is a whole server of its own (Next,
// hot lane, play-page cache, batchers, connection pools), so nothing is shared between them
// but PostgreSQL and Redis. A signal to the primary reaches every worker, which finishes its
// open requests and exits; the primary exits when the last one has. A worker that dies while
// serving is replaced; one that dies before it ever listened (a bad setting, no build) stops
// them all with its exit code, as a single-process server would have stopped.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';

/** WEB_CONCURRENCY as a number of processes: a positive integer, or the machine's cores when unset. */
export function webProcessCount(setting: string | undefined): number {
  if (setting === undefined || setting === '') return availableParallelism();
  const n = Number(setting);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`WEB_CONCURRENCY must be 1–256, not ${setting}`);
  return n;
}

/** In the primary, with more than one process wanted: forks them and returns true. Else false. */
export function superviseWebWorkers(processes: number): boolean {
  if (processes <= 1 || !cluster.isPrimary) return false;
  let stopping = false;
  const live = new Set<Worker>();
  const listened = new WeakSet<Worker>();
  const fork = () => {
    const worker = cluster.fork();
    live.add(worker);
    worker.once('listening', () => listened.add(worker));
  };
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const w of live) w.process.kill(signal);
  };
  cluster.on('exit', (worker, code, signal) => {
    live.delete(worker);
    if (!stopping && listened.has(worker)) {
      console.error(`web process ${worker.process.pid} exited (${signal ?? code}); starting another`);
      fork();
      return;
    }
    if (!stopping) {
      process.exitCode = code || 1;
      stop('SIGTERM');
    }
    if (live.size === 0) process.exit();
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < processes; i++) fork();
  return true;
}
