// The one Prisma client of a process (STYLE.md §5): driver adapter, pool size from config.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '@/generated/prisma/client';
import { config } from './config';
import { errorFields, log } from './log';

const globalForDb = globalThis as unknown as { lotteryDb?: PrismaClient; lotteryPool?: pg.Pool };

/**
 * A connection that runs its queries one at a time. Prisma's adapter sends the queries of one
 * interactive transaction (a nested select, say) concurrently on its one connection; pg then
 * queues them behind a deprecation warning (an error in pg 9) and, after a database error in
 * the transaction, has been seen to hand a query another query's rows (prisma/orm#29468,
 * #30374). Callback and stream queries (pg-pool's own, cursors) pass through untouched.
 */
class SerialClient extends pg.Client {
  #tail: Promise<unknown> = Promise.resolve();

  // @ts-expect-error one implementation for pg's many overloads
  override query(...args: unknown[]): unknown {
    const first = args[0] as { submit?: unknown } | undefined;
    if (typeof args.at(-1) === 'function' || typeof first?.submit === 'function') return (super.query as (...a: unknown[]) => unknown)(...args);
    const run = () => (super.query as (...a: unknown[]) => Promise<unknown>)(...args);
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * The connection pool under Prisma. The draw's group commit uses it directly for its one
 * statement, prepared once per connection: through Prisma the same statement costs several
 * times more per batch (bench/profile-draw.ts), and that cost is paid by every draw waiting.
 */
export const pool: pg.Pool = globalForDb.lotteryPool ?? (globalForDb.lotteryPool = createPool());

function createPool(): pg.Pool {
  const p = new pg.Pool({ connectionString: config().DATABASE_URL, max: config().DATABASE_POOL_SIZE, Client: SerialClient as unknown as typeof pg.Client });
  // An idle connection closed by the server (a restart, a failover, an administrator) is an
  // 'error' event on the pool: logged and dropped, the next query opens a new one. Unhandled,
  // it would end the process.
  p.on('error', (err) => log.warn('an idle database connection was closed', errorFields(err)));
  return p;
}

export const db: PrismaClient = globalForDb.lotteryDb ?? (globalForDb.lotteryDb = new PrismaClient({ adapter: new PrismaPg(pool) }));

export type { Prisma } from '@/generated/prisma/client';
