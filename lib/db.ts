// The one Prisma client of a process (STYLE.md §5): driver adapter, pool size from config.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '@/generated/prisma/client';
import { config } from './config';

const globalForDb = globalThis as unknown as { lotteryDb?: PrismaClient; lotteryPool?: pg.Pool };

/**
 * The connection pool under Prisma. The draw's group commit uses it directly for its one
 * statement, prepared once per connection: through Prisma the same statement costs several
 * times more per batch (bench/profile-draw.ts), and that cost is paid by every draw waiting.
 */
export const pool: pg.Pool = globalForDb.lotteryPool ?? (globalForDb.lotteryPool = new pg.Pool({ connectionString: config().DATABASE_URL, max: config().DATABASE_POOL_SIZE }));

export const db: PrismaClient = globalForDb.lotteryDb ?? (globalForDb.lotteryDb = new PrismaClient({ adapter: new PrismaPg(pool) }));

export type { Prisma } from '@/generated/prisma/client';
