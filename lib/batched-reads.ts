// Reads of many requests in one SQL statement over arrays (`unnest(...) WITH ORDINALITY AS q(..., i)`),
// each result row tagged with its read's 1-based position `i`. Under a crowd of play pages the
// statement's fixed cost in PostgreSQL (a round trip, parse, plan, executor start) is shared by a
// whole batch, as the draw's group commit shares its commit; at low load a read goes out alone.
import { Batcher } from './batcher';
import { pool } from './db';

export function batchedReads<In, Row>(sql: string, params: (reads: In[]) => unknown[]): Batcher<In, Row[]> {
  return new Batcher(
    async (reads: In[]) => {
      const { rows } = await pool.query<Row & { i: number }>(sql, params(reads));
      const answers = reads.map((): Row[] => []);
      for (const row of rows) answers[row.i - 1]!.push(row);
      return answers;
    },
    // Two statements out at once, so that a slow batch does not hold every read back.
    { maxBatch: 200, maxParallel: 2 },
  );
}
