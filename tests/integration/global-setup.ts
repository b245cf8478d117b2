// Once per run, before any test file: creates and migrates the test database, and builds the H5
// play page's renderer and browser bundle (scripts/build-h5.ts, ~0.1 s), which lib/h5 renders
// from; a clean clone has neither.
import { execFileSync } from 'node:child_process';
import { applyMigrations, ensureDatabase } from '../../lib/migrations/apply-migrations';

export default async function setup() {
  const url = process.env.DATABASE_URL!;
  await ensureDatabase(url);
  await applyMigrations(url);
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-h5.ts'], { stdio: 'ignore' });
}
