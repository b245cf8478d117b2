// Group commit (issue 3 item 4): draws are durable in PostgreSQL before their response is
// sent, without one transaction per draw. While a batch is being written, new draws queue;
// when it finishes, everything queued goes in the next single statement. At low load a draw
// waits for nobody; under a crowd, batches grow by themselves.
//
// Once a batch is in PostgreSQL the stream copies of the draws it inserted are only needed
// had this process died before the commit: they go, one XDEL per activity per batch, so the
// draw-log worker does not write them a second time.
import { requestRedis } from '../redis';
import { commitDraws } from './commit-draws';
import type { DrawRows } from './draw-record';
import { drawKeys } from './keys';

const MAX_BATCH = 500;
/**
 * Batches written at once. Measured on two cores (bench/profile-draw.ts): one writer with
 * large batches beats several writers with small ones, PostgreSQL being CPU-bound, not
 * fsync-bound, here.
 */
const MAX_PARALLEL_FLUSHES = 1;

type Pending = { rows: DrawRows; streamEntry?: string; resolve: (inserted: boolean) => void; reject: (err: unknown) => void };
type Committed = { activityId: string; streamEntry: string }[];

export class DrawCommitter {
  private queue: Pending[] = [];
  private flushing = 0;

  constructor(
    private readonly write: (batch: DrawRows[]) => Promise<Set<string>> = commitDraws,
    private readonly afterCommit: (committed: Committed) => Promise<void> = trimStreams,
  ) {}

  /**
   * Resolves once the draw is in PostgreSQL: true if this call inserted it, false if it was
   * there. `streamEntry`, the draw's copy in the activity's stream, is deleted once inserted.
   */
  commit(rows: DrawRows, streamEntry?: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, ...(streamEntry ? { streamEntry } : {}), resolve, reject });
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
          const committed = batch.flatMap((p) => (p.streamEntry && inserted.has(p.rows.draw.id) ? [{ activityId: p.rows.draw.activityId, streamEntry: p.streamEntry }] : []));
          if (committed.length) this.afterCommit(committed).catch(() => undefined);
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

async function trimStreams(committed: Committed) {
  const redis = await requestRedis();
  const byActivity = new Map<string, string[]>();
  for (const c of committed) {
    const entries = byActivity.get(c.activityId) ?? [];
    entries.push(c.streamEntry);
    byActivity.set(c.activityId, entries);
  }
  await Promise.all([...byActivity].map(([activityId, entries]) => redis.xdel(drawKeys(activityId).stream, ...entries)));
}

const globalForCommitter = globalThis as unknown as { lotteryDrawCommitter?: DrawCommitter };
export function drawCommitter(): DrawCommitter {
  return (globalForCommitter.lotteryDrawCommitter ??= new DrawCommitter());
}
