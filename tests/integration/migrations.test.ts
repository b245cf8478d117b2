import { describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations } from '../../lib/migrations/apply-migrations';
import { withEmptyDatabase } from '../helpers/databases';
import { diffSchemaWithDatabase } from '../helpers/schema-diff';

describe('prisma/migrations', () => {
  it('build exactly the database that schema.prisma describes', async () => {
    await withEmptyDatabase(async (url, client) => {
      await applyMigrations(url);
      expect(await diffSchemaWithDatabase(client)).toEqual([]);
    });
  });

  it('the comparison notices drift in either direction', async () => {
    await withEmptyDatabase(async (url, client) => {
      await applyMigrations(url);
      await client.query('ALTER TABLE "Prize" ADD COLUMN "colour" TEXT');
      await client.query('DROP INDEX "Draw_activityId_createdAt_idx"');
      await client.query('ALTER TABLE "Win" ALTER COLUMN "claimName" SET NOT NULL');
      await client.query('ALTER TABLE "ActivityStock" DROP CONSTRAINT "ActivityStock_prizeId_fkey"');
      await client.query(`ALTER TYPE "WinStatus" ADD VALUE 'LOST'`);
      const diffs = await diffSchemaWithDatabase(client);
      expect(diffs).toEqual(
        expect.arrayContaining([
          'column Prize.colour: in the database, missing in schema.prisma',
          'index Draw_activityId_createdAt_idx on Draw(activityId, createdAt): in schema.prisma, missing in the database',
          'column Win.claimName: NOT NULL in the database, optional in schema.prisma',
          'foreign key ActivityStock_prizeId_fkey: in schema.prisma, missing in the database',
          expect.stringContaining('enum WinStatus: values'),
        ]),
      );
      expect(diffs).toHaveLength(5);
    });
  });

  it('record each migration in _prisma_migrations with its checksum, as prisma migrate does', async () => {
    await withEmptyDatabase(async (url, client) => {
      const result = await applyMigrations(url);
      const migrations = readMigrations();
      expect(result.applied).toEqual(migrations.map((m) => m.name));
      const { rows } = await client.query(
        'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
      );
      expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(
        migrations.map((m) => [m.name, m.checksum, 1]),
      );
      expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    });
  });

  it('applied twice, or by five starts at once, apply each migration once', async () => {
    await withEmptyDatabase(async (url, client) => {
      const results = await Promise.all(Array.from({ length: 5 }, () => applyMigrations(url)));
      const n = readMigrations().length;
      expect(results.reduce((sum, r) => sum + r.applied.length, 0)).toBe(n);
      const again = await applyMigrations(url);
      expect(again).toEqual({ applied: [], alreadyApplied: readMigrations().map((m) => m.name) });
      const { rows } = await client.query('SELECT count(*)::int AS n FROM "_prisma_migrations"');
      expect(rows[0].n).toBe(n);
      expect(await diffSchemaWithDatabase(client)).toEqual([]);
    });
  });

  it('refuse to go on when an applied migration was changed', async () => {
    await withEmptyDatabase(async (url) => {
      await applyMigrations(url);
      const changed = readMigrations().map((m, i) =>
        i === 0 ? { ...m, sql: m.sql + '\n-- edited', checksum: 'f'.repeat(64) } : m,
      );
      await expect(applyMigrations(url, { migrations: changed })).rejects.toThrow(/was changed after it was applied/);
    });
  });

  it('leave nothing behind when a migration fails', async () => {
    await withEmptyDatabase(async (url, client) => {
      const broken = [
        ...readMigrations(),
        {
          name: '29991231000000_broken',
          sql: 'CREATE TABLE "Half" (id int); SELECT no_such_function();',
          checksum: '0'.repeat(64),
        },
      ];
      await expect(applyMigrations(url, { migrations: broken })).rejects.toThrow(/29991231000000_broken failed/);
      const { rows } = await client.query(
        `SELECT to_regclass('"Half"') AS half, (SELECT count(*)::int FROM "_prisma_migrations" WHERE migration_name = '29991231000000_broken') AS recorded`,
      );
      expect(rows[0]).toEqual({ half: null, recorded: 0 });
    });
  });
});
