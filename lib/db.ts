// The one Prisma client of a process: driver adapter, pool size from config.
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
    if (typeof args.at(-1) === 'function' || typeof first?.submit === 'function')
      return (super.query as (...a: unknown[]) => unknown)(...args);
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
  const p = new pg.Pool({
    connectionString: config().DATABASE_URL,
    max: config().DATABASE_POOL_SIZE,
    Client: SerialClient as unknown as typeof pg.Client,
  });
  // An idle connection closed by the server (a restart, a failover, an administrator) is an
  // 'error' event on the pool: logged and dropped, the next query opens a new one. Unhandled,
  // it would end the process.
  p.on('error', (err) => log.warn('an idle database connection was closed', errorFields(err)));
  return p;
}

/**
 * A connection of its own, outside the pool, for one hot caller: the draw's group commit. Its
 * query is written to the socket in the very call, where the pool hands out a connection on a
 * later tick, after all the work the previous batch's waiters go on to do (hundreds of draws
 * under a crowd), while PostgreSQL sits idle. Opened on first use and closed after a while
 * unused, as the pool does; a connection that breaks is dropped and the next query opens one.
 */
export class OwnConnection {
  private client: pg.Client | null = null;
  private opening: Promise<pg.Client> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private running = 0;

  /**
   * `timeoutMs`: how long opening the connection, and each query, may take; past it the query
   * fails and the connection is given up (its socket may be stalled, not closed). 0: no limit.
   */
  constructor(
    private readonly applicationName: string,
    private readonly idleMs = 10_000,
    private readonly timeoutMs = 0,
  ) {}

  query<R extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<pg.QueryResult<R>> {
    this.running++;
    this.closeWhenIdle();
    const client = this.client;
    const result = client ? client.query<R>(query) : this.open().then((c) => c.query<R>(query));
    return result
      .catch((err: unknown) => {
        // Not an answer of a working session (the socket closed, the server ended it, no answer
        // in time): the next query opens a new connection rather than waiting for this one's 'end'.
        const code = (err as { code?: string }).code;
        if ((!code || code.startsWith('57P')) && client && this.client === client) {
          this.client = null;
          client.end().catch(() => undefined);
        }
        throw err;
      })
      .finally(() => this.running--);
  }

  async end() {
    const client = this.client ?? (await this.opening?.catch(() => null));
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private open(): Promise<pg.Client> {
    this.opening ??= (async () => {
      const client = new pg.Client({
        connectionString: config().DATABASE_URL,
        application_name: this.applicationName,
        ...(this.timeoutMs > 0 ? { connectionTimeoutMillis: this.timeoutMs, query_timeout: this.timeoutMs } : {}),
      });
      const drop = () => {
        if (this.client === client) this.client = null;
      };
      client.on('error', (err) => {
        log.warn('a dedicated database connection was closed', {
          applicationName: this.applicationName,
          ...errorFields(err),
        });
        drop();
      });
      client.on('end', drop);
      try {
        await client.connect();
        this.client = client;
        return client;
      } finally {
        this.opening = null;
      }
    })();
    return this.opening;
  }

  private closeWhenIdle() {
    if (this.idleTimer) this.idleTimer.refresh();
    else {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null;
        if (this.running > 0) this.closeWhenIdle();
        else void this.end();
      }, this.idleMs);
      this.idleTimer.unref();
    }
  }
}

/** What a transaction of pgTransaction sends its statements through: the pooled connection's query. */
export type Sql = Pick<pg.PoolClient, 'query'>;

/**
 * `fn`'s statements in one transaction on a pooled connection, through node-postgres itself: for
 * an end user's writes that a crowd makes (a task completed, an event counted), where Prisma's
 * interactive transaction costs milliseconds of CPU for a handful of statements
 * (docs/draw.md, "Chances a task grants"). It waits up to `maxWaitMs` for a connection, as Prisma's
 * maxWait does, and each statement (a lock waited on included) may take up to `timeoutMs`. A
 * connection that fails to roll back is dropped, not handed to the next caller.
 */
export async function pgTransaction<T>(
  fn: (sql: Sql) => Promise<T>,
  { maxWaitMs = 10_000, timeoutMs = 10_000 }: { maxWaitMs?: number; timeoutMs?: number } = {},
): Promise<T> {
  const client = await connectWithin(maxWaitMs);
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${Math.floor(timeoutMs)}`);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
    throw err;
  } finally {
    client.release(broken);
  }
}

/** A pooled connection, or pg-pool's own timeout error (a 503, lib/errors.ts) after `ms`. */
async function connectWithin(ms: number): Promise<pg.PoolClient> {
  const pending = pool.connect();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout exceeded when trying to connect')), ms);
  });
  try {
    return await Promise.race([pending, late]);
  } catch (err) {
    // The pool may still hand the connection over: it goes straight back.
    pending.then(
      (client) => client.release(),
      () => undefined,
    );
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A transaction waits up to 10 s for a pooled connection (Prisma's default is 2 s): under a
 * crowd every connection can be busy for a moment, and a console change that gave up after 2 s
 * would fail where a short wait succeeds. Once started, a transaction keeps the default 5 s.
 */
const TRANSACTION_MAX_WAIT_MS = 10_000;

export const db: PrismaClient =
  globalForDb.lotteryDb ??
  (globalForDb.lotteryDb = new PrismaClient({
    adapter: new PrismaPg(pool),
    transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS },
  }));
