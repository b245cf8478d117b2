// Group commit (issue 3 item 4): draws are durable in PostgreSQL before their response is
// sent, without one transaction per draw. While a batch is being written, new draws queue;
// when it finishes, everything queued goes in the next single statement. At low load a draw
// waits for nobody; under a crowd, batches grow by themselves.
import { commitDraws } from './commit-draws';
import type { DrawRows } from './draw-record';

const MAX_BATCH = 500;
/**
 * Batches written at once. Measured on two cores (bench/profile-draw.ts): one writer with
 * large batches beats several writers with small ones, PostgreSQL being CPU-bound, not
 * fsync-bound, here.
 */
const MAX_PARALLEL_FLUSHES = 1;

type Pending = { rows: DrawRows; resolve: (inserted: boolean) => void; reject: (err: unknown) => void };

export class DrawCommitter {
  private queue: Pending[] = [];
  private flushing = 0;

  constructor(private readonly write: (batch: DrawRows[]) => Promise<Set<string>> = commitDraws) {}

  /** Resolves once the draw is in PostgreSQL: true if this call inserted it, false if it was there. */
  commit(rows: DrawRows): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (this.flushing < MAX_PARALLEL_FLUSHES) void this.flush();
    });
  }

  private async flush() {
    this.flushing++;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const inserted = await this.write(batch.map((p) => p.rows));
          for (const p of batch) p.resolve(inserted.has(p.rows.draw.id));
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing--;
    }
  }
}

const globalForCommitter = globalThis as unknown as { lotteryDrawCommitter?: DrawCommitter };
export function drawCommitter(): DrawCommitter {
  return (globalForCommitter.lotteryDrawCommitter ??= new DrawCommitter());
}
