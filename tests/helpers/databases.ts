// Throwaway databases for tests that need an empty one (migrations).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropDatabase, ensureDatabase } from '../../lib/migrations/apply-migrations';

export async function withEmptyDatabase<T>(fn: (url: string, client: pg.Client) => Promise<T>): Promise<T> {
  const base = new URL(process.env.DATABASE_URL!);
  base.pathname = `/lottery_scratch_${randomBytes(5).toString('hex')}`;
  const url = base.toString();
  await ensureDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(url, client);
  } finally {
    await client.end();
    await dropDatabase(url);
  }
}
