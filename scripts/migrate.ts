// npm run migrate: creates the database if needed and applies pending migrations.
import { config, ConfigError } from '../lib/config';
import { applyMigrations, ensureDatabase, MigrationError } from '../lib/migrations/apply-migrations';

async function main() {
  const { DATABASE_URL } = config();
  if (await ensureDatabase(DATABASE_URL)) console.log(`created database ${new URL(DATABASE_URL).pathname.slice(1)}`);
  const result = await applyMigrations(DATABASE_URL, { log: (line) => console.log(line) });
  console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
  // Data the SQL cannot write: the application's own snapshot of each published activity.
  const { backfillConfigVersions } = await import('../lib/activities/config-versions');
  const recorded = await backfillConfigVersions();
  if (recorded > 0) console.log(`config versions: recorded the version in force of ${recorded} activities`);
  // Activities already live commit a fairness seed now; their earlier draws have no proof.
  const { backfillActivitySeeds } = await import('../lib/fairness/backfill-seeds');
  const seeded = await backfillActivitySeeds();
  if (seeded > 0) console.log(`fairness: committed a seed for ${seeded} activities published before seeds`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof MigrationError) console.error(err.message);
  else console.error(`migration failed: ${(err as Error).message}`);
  process.exit(1);
});
