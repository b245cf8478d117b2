// The private PostgreSQL cluster of the fault tests (tests/helpers/postgres-cluster.ts): killed
// with SIGKILL it refuses connections, restarted on the same folder and port it has kept every
// committed row.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresCluster } from '../../helpers/postgres-cluster';

const cluster = await PostgresCluster.start();
afterAll(() => cluster.destroy());

async function query(sql: string) {
  const client = new pg.Client({ connectionString: cluster.url() });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<{ n: number }>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgresCluster', () => {
  it('survives kill -9 and a restart on the same port with its committed rows', async () => {
    await query('CREATE TABLE t (n int); INSERT INTO t SELECT generate_series(1, 100)');
    await cluster.kill();
    expect(cluster.running).toBe(false);
    await expect(query('SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await cluster.restart();
    expect(await query('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 100 }]);
  });
});
