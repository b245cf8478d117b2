// The one Prisma client of a process (STYLE.md §5): driver adapter, pool size from config.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/generated/prisma/client';
import { config } from './config';

const globalForDb = globalThis as unknown as { lotteryDb?: PrismaClient };

function createDbClient(url = config().DATABASE_URL, max = config().DATABASE_POOL_SIZE) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
}

export const db: PrismaClient = globalForDb.lotteryDb ?? (globalForDb.lotteryDb = createDbClient());

export type { Prisma } from '@/generated/prisma/client';
