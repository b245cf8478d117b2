// pgTransaction (lib/db.ts): the raw transaction an end user's task completion and the host app's
// events run in. It commits what its function did, rolls back all of it when the function throws,
// bounds each statement and the wait for a connection, and never hands a connection left inside a
// transaction to the next caller.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { pgTransaction, pool } from '@/lib/db';
import { isServiceUnavailable } from '@/lib/errors';

const table = `pg_tx_${randomUUID().replaceAll('-', '')}`;

beforeAll(async () => {
  await pool.query(`CREATE TABLE ${table} (v text PRIMARY KEY)`);
});
afterAll(async () => {
  await pool.query(`DROP TABLE IF EXISTS ${table}`);
});

const values = async () => (await pool.query<{ v: string }>(`SELECT v FROM ${table} ORDER BY v`)).rows.map((r) => r.v);

describe('pgTransaction', () => {
  it('commits what the function did and returns its answer', async () => {
    const answer = await pgTransaction(async (sql) => {
      await sql.query(`INSERT INTO ${table} VALUES ($1), ($2)`, ['a', 'b']);
      return 'done';
    });
    expect(answer).toBe('done');
    expect(await values()).toEqual(['a', 'b']);
  });

  it('rolls back every statement when the function throws, and throws its error', async () => {
    const failure = new Error('refused after the insert');
    let backend = 0;
    await expect(
      pgTransaction(async (sql) => {
        backend = (await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        await sql.query(`INSERT INTO ${table} VALUES ($1)`, ['c']);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await values()).toEqual(['a', 'b']);
    // Its connection went back to the pool outside any transaction: the next caller's work is its own.
    // The pool may hand this very connection to the check: then no write of the old transaction
    // (its xid) is still open in it. Any other connection is asked about it.
    const check = await pool.query<{ pid: number; xid: string | null }>(
      'SELECT pg_backend_pid() AS pid, txid_current_if_assigned()::text AS xid',
    );
    const { rows } = await pool.query<{ state: string }>('SELECT state FROM pg_stat_activity WHERE pid = $1', [
      backend,
    ]);
    if (check.rows[0]!.pid === backend) expect(check.rows[0]!.xid).toBeNull();
    else expect(rows[0]!.state).toBe('idle');
  });

  it('stops a statement that runs past timeoutMs, and the pool goes on working', async () => {
    const err = await pgTransaction((sql) => sql.query('SELECT pg_sleep(30)'), { timeoutMs: 200 }).catch((e) => e);
    expect((err as { code?: string }).code).toBe('57014'); // query_canceled: statement_timeout
    expect(await pgTransaction(async (sql) => (await sql.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one)).toBe(
      1,
    );
  });

  it('gives up waiting for a connection after maxWaitMs with an error the API answers 503, and the late connection goes back', async () => {
    const held: pg.PoolClient[] = [];
    try {
      while (pool.totalCount < pool.options.max || pool.idleCount > 0) held.push(await pool.connect());
      const err = await pgTransaction(async () => 'never', { maxWaitMs: 200 }).catch((e) => e);
      expect(err).toBeInstanceOf(Error);
      expect(isServiceUnavailable(err)).toBe(true);
    } finally {
      for (const client of held) client.release();
    }
    // The wait that timed out still got a connection from the pool once one was free; it went back.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pool.waitingCount).toBe(0);
    expect(pool.idleCount).toBe(pool.totalCount);
  });
});
