// Drops one test run's database and deletes its Redis keys (scripts/test.sh calls it on exit).
import { config } from '../lib/config';
import { dropDatabase } from '../lib/migrations/apply-migrations';
import { createRedis, deleteKeysWithPrefix } from '../lib/redis';

async function main() {
  const c = config();
  if (!/lottery_t\d+/.test(c.DATABASE_URL) || !/^t\d+$/.test(c.REDIS_PREFIX))
    throw new Error('refusing to drop a database or prefix that is not a test run');
  await dropDatabase(c.DATABASE_URL);
  const redis = createRedis('worker');
  await deleteKeysWithPrefix(redis, c.REDIS_PREFIX);
  await redis.quit();
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  },
);
