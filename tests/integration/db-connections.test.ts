// The pool under Prisma outlives the server closing its connections (a restart, a failover):
// an idle connection's error is handled, and the next query opens a new connection.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { db, pool } from '@/lib/db';

describe('database connections', () => {
  it('survive the server terminating an idle connection', async () => {
    const client = await pool.connect();
    const { pid } = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!;
    client.release();
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      // No listener of the test's own: without the pool's handler the error event would end
      // this process (vitest reports it as an unhandled error and fails the run).
      const before = pool.totalCount;
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      for (let i = 0; i < 100 && pool.totalCount === before; i++) await sleep(20);
      expect(pool.totalCount).toBe(before - 1);
      expect(await db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      await admin.end();
    }
  });
});
