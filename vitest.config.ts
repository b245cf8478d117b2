import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests never touch the demo's data: their own database and Redis prefix unless
// scripts/test.sh has set per-run ones.
process.env.TZ = 'UTC';
process.env.DATABASE_URL ??= 'postgresql://postgres:postgres@127.0.0.1:5432/lottery_test';
process.env.REDIS_PREFIX ??= 'test';
process.env.LOG_LEVEL ??= 'silent';
// The tests' webhook receivers listen on 127.0.0.1; the refusal itself is tested with it unset.
process.env.WEBHOOK_ALLOW_PRIVATE ??= '1';
// The key that encrypts fairness seeds at rest: a fixed one, so every process of a run reads the seeds.
process.env.FAIRNESS_KEY ??= '5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed';

const alias = { '@': path.resolve(import.meta.dirname) };

/**
 * The integration test files that import a route file the hot lane serves (hot-routes.ts names
 * them): the ones the `integration-lane` project runs again through the lane.
 */
function filesTouchingHotRoutes(): string[] {
  const hotRoutes = readFileSync(path.join(import.meta.dirname, 'hot-routes.ts'), 'utf8');
  const modules = [...hotRoutes.matchAll(/import\('\.\/(app\/[^']+)'\)/g)].map((m) => m[1]!);
  const dir = 'tests/integration';
  return readdirSync(path.join(import.meta.dirname, dir))
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => {
      const source = readFileSync(path.join(import.meta.dirname, dir, f), 'utf8');
      return modules.some((m) => source.includes(`/${m}'`));
    })
    .map((f) => `${dir}/${f}`);
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/faults/**'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two cores: a couple of files at a time keeps PostgreSQL and Redis honest but not starved.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // The same tests again, each hot route's request sent over a socket through the production
        // server's hot lane (tests/helpers/through-lane.ts); after the direct run, not beside it, so
        // no file runs twice at once.
        resolve: { alias },
        test: {
          name: 'integration-lane',
          include: filesTouchingHotRoutes(),
          environment: 'node',
          env: { TEST_THROUGH_HOT_LANE: '1' },
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
        },
      },
      {
        // Kills, restarts and lost Redis state: alone, after everything else, one file at a time.
        resolve: { alias },
        test: {
          name: 'faults',
          include: ['tests/integration/faults/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          maxWorkers: 1,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
