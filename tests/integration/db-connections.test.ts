// The pool under Prisma outlives the server closing its connections (a restart, a failover):
// an idle connection's error is handled, and the next query opens a new connection.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { db, OwnConnection, pool } from '@/lib/db';

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

  it("the group commit's own connection: answers, survives the server terminating it, and closes when idle", async () => {
    const own = new OwnConnection('lottery-test', 300);
    const pidOf = async () =>
      (await own.query<{ pid: number }>({ text: 'SELECT pg_backend_pid() AS pid' })).rows[0]!.pid;
    const alive = async (pid: number) =>
      (await pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 1;
    const first = await pidOf();
    expect(await pidOf()).toBe(first);
    await pool.query('SELECT pg_terminate_backend($1)', [first]);
    for (let i = 0; i < 100 && (await alive(first)); i++) await sleep(20);
    await sleep(50);
    // No listener of the test's own: an unhandled error event would fail the run.
    const second = await pidOf();
    expect(second).not.toBe(first);
    for (let i = 0; i < 100 && (await alive(second)); i++) await sleep(50);
    expect(await alive(second)).toBe(false);
    expect(await pidOf()).not.toBe(second);
    await own.end();
  });
});
