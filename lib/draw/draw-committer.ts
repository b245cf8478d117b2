// Group commit: draws are durable in PostgreSQL before their response is
// sent, without one transaction per draw. While a batch is being written, new draws queue;
// when it finishes, everything queued goes in the next single statement (lib/batcher.ts). At
// low load a draw waits for nobody; under a crowd, batches grow by themselves.
//
// Once a batch is in PostgreSQL the stream copies of the draws it inserted are only needed
// had this process died before the commit: they go, one XDEL per activity per batch, so the
// draw-log worker does not write them a second time.
//
// A draw PostgreSQL refuses fails alone (lib/draw/commit-draws.ts isolates it): its commit
// rejects with a RefusedDrawError and the other draws of its batch are answered as usual.
import { Batcher } from '../batcher';
import { config } from '../config';
import { OwnConnection } from '../db';
import { requestRedis } from '../redis';
import { commitDraws, type CommitOutcome, type Refusal } from './commit-draws';
import type { DrawRows } from './draw-record';
import { drawKeys } from './keys';

const MAX_BATCH = 500;
/**
 * Batches written at once. Measured on two cores (bench/profile-draw.ts): one writer with
 * large batches beats several writers with small ones, PostgreSQL being CPU-bound, not
 * fsync-bound, here. Two writers lock the same Activity, Tier and Participation rows at once
 * and each row then costs PostgreSQL about half as much again.
 */
const MAX_PARALLEL_FLUSHES = 1;

type Pending = { rows: DrawRows; streamEntry?: string };
type Committed = { activityId: string; streamEntry: string }[];

/** PostgreSQL refused this draw's rows; nothing of it was written. */
export class RefusedDrawError extends Error {
  override name = 'RefusedDrawError';
  constructor(
    readonly drawId: string,
    readonly refusal: Refusal,
  ) {
    super(`PostgreSQL refused draw ${drawId}: ${refusal.sqlState} ${refusal.message}`);
  }
}

export class DrawCommitter {
  private readonly batcher: Batcher<Pending, boolean | Refusal>;

  constructor(
    write: (batch: DrawRows[]) => Promise<CommitOutcome> = writeOnOwnConnection(),
    afterCommit: (committed: Committed) => Promise<void> = trimStreams,
  ) {
    this.batcher = new Batcher(
      async (batch) => {
        const { inserted, refused } = await write(batch.map((p) => p.rows));
        const committed = batch.flatMap((p) =>
          p.streamEntry && inserted.has(p.rows.draw.id)
            ? [{ activityId: p.rows.draw.activityId, streamEntry: p.streamEntry }]
            : [],
        );
        if (committed.length) afterCommit(committed).catch(() => undefined);
        return batch.map((p) => refused.get(p.rows.draw.id) ?? inserted.has(p.rows.draw.id));
      },
      { maxBatch: MAX_BATCH, maxParallel: MAX_PARALLEL_FLUSHES, linger: commitLinger() },
    );
  }

  /**
   * Resolves once the draw is in PostgreSQL: true if this call inserted it, false if it was
   * there. `streamEntry`, the draw's copy in the activity's stream, is deleted once inserted.
   * Rejects with a RefusedDrawError if PostgreSQL refused its rows (its stream copy stays).
   */
  async commit(rows: DrawRows, streamEntry?: string): Promise<boolean> {
    const answer = await this.batcher.submit({ rows, ...(streamEntry ? { streamEntry } : {}) });
    if (typeof answer !== 'boolean') throw new RefusedDrawError(rows.draw.id, answer);
    return answer;
  }
}

function commitLinger() {
  const { DRAW_COMMIT_LINGER_MS: ms, DRAW_COMMIT_LINGER_ROWS: items } = config();
  return { ms, items };
}

/** The committer's connection, by this application_name in pg_stat_activity. */
export const GROUP_COMMIT_CONNECTION = 'lottery-group-commit';

/** The statement goes out on the committer's own connection, in the same tick as the batch is made. */
function writeOnOwnConnection() {
  const connection = new OwnConnection(GROUP_COMMIT_CONNECTION, undefined, config().DRAW_COMMIT_TIMEOUT_MS);
  return (batch: DrawRows[]) => commitDraws(batch, connection);
}

async function trimStreams(committed: Committed) {
  const redis = await requestRedis();
  const byActivity = new Map<string, string[]>();
  for (const c of committed) {
    const entries = byActivity.get(c.activityId) ?? [];
    entries.push(c.streamEntry);
    byActivity.set(c.activityId, entries);
  }
  await Promise.all(
    [...byActivity].map(([activityId, entries]) => redis.xdel(drawKeys(activityId).stream, ...entries)),
  );
}

const globalForCommitter = globalThis as unknown as { lotteryDrawCommitter?: DrawCommitter };
export function drawCommitter(): DrawCommitter {
  return (globalForCommitter.lotteryDrawCommitter ??= new DrawCommitter());
}

/**
 * Tests only: the process's draws go through `committer` (one that watches its batches, say)
 * until the returned function puts the previous one back.
 */
export function swapDrawCommitterForTests(committer: DrawCommitter): () => void {
  const previous = globalForCommitter.lotteryDrawCommitter;
  globalForCommitter.lotteryDrawCommitter = committer;
  return () => {
    globalForCommitter.lotteryDrawCommitter = previous;
  };
}
