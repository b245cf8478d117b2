// Creates and migrates the test database once per run.
import { applyMigrations, ensureDatabase } from '../../lib/migrations/apply-migrations';

export default async function setup() {
  const url = process.env.DATABASE_URL!;
  await ensureDatabase(url);
  await applyMigrations(url);
}
