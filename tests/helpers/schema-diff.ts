// Compares schema.prisma (through Prisma's own parser, the DMMF) with a live PostgreSQL
// database: every model, column, type, nullability, database default, primary key, unique,
// index, foreign key and enum. Returns the differences as readable lines; [] means they agree.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type pg from 'pg';

type Field = {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
  isRequired: boolean;
  isList: boolean;
  isId: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  isUpdatedAt: boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
type Model = { name: string; dbName: string | null; fields: Field[]; primaryKey: { fields: string[] } | null };
type Index = {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  fields: { name: string }[];
  dbName?: string | null;
  name?: string | null;
};
type Dmmf = {
  enums: { name: string; dbName?: string | null; values: { name: string }[] }[];
  models: Model[];
  indexes: Index[];
};

export function readDmmf(schemaPath = 'prisma/schema.prisma'): Dmmf {
  const require = createRequire(import.meta.url);
  const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf: (params: string) => string };
  return (
    JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: readFileSync(schemaPath, 'utf8') }))) as { datamodel: Dmmf }
  ).datamodel;
}

const scalarTypes: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  Json: 'jsonb',
  Float: 'double precision',
  DateTime: 'timestamp(3) without time zone',
  Decimal: 'numeric(65,30)',
  Bytes: 'bytea',
};
const nativeTypes: Record<string, string> = { Uuid: 'uuid', Text: 'text' };
const onDeleteSql: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  SetNull: 'SET NULL',
  NoAction: 'NO ACTION',
  SetDefault: 'SET DEFAULT',
};
const fkActionCode: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

export async function diffSchemaWithDatabase(client: pg.Client, dmmf: Dmmf = readDmmf()): Promise<string[]> {
  const diffs: string[] = [];
  const table = (m: Model) => m.dbName ?? m.name;
  const column = (f: Field) => f.dbName ?? f.name;
  const modelByName = new Map(dmmf.models.map((m) => [m.name, m]));
  const enumNames = new Set(dmmf.enums.map((e) => e.name));

  // Tables
  const { rows: tableRows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const dbTables = new Set(tableRows.map((r) => r.table_name).filter((t) => t !== '_prisma_migrations'));
  for (const m of dmmf.models)
    if (!dbTables.has(table(m))) diffs.push(`table ${table(m)}: in schema.prisma, missing in the database`);
  for (const t of dbTables)
    if (!dmmf.models.some((m) => table(m) === t)) diffs.push(`table ${t}: in the database, missing in schema.prisma`);

  // Columns
  const { rows: columnRows } = await client.query<{
    table_name: string;
    column_name: string;
    type: string;
    not_null: boolean;
    has_default: boolean;
  }>(`
    SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, (d.adbin IS NOT NULL) AS has_default
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`);
  for (const m of dmmf.models) {
    if (!dbTables.has(table(m))) continue;
    const dbColumns = new Map(columnRows.filter((r) => r.table_name === table(m)).map((r) => [r.column_name, r]));
    const scalars = m.fields.filter((f) => f.kind !== 'object');
    for (const f of scalars) {
      const where = `${table(m)}.${column(f)}`;
      const c = dbColumns.get(column(f));
      if (!c) {
        diffs.push(`column ${where}: in schema.prisma, missing in the database`);
        continue;
      }
      const expectedType =
        f.kind === 'enum' || enumNames.has(f.type)
          ? `"${f.type}"`
          : f.nativeType
            ? (nativeTypes[f.nativeType[0]] ?? f.nativeType[0].toLowerCase())
            : scalarTypes[f.type];
      const actualType = c.type.replace(/^([A-Za-z]\w*)$/, (t) => (enumNames.has(t) ? `"${t}"` : t));
      if (actualType !== expectedType + (f.isList ? '[]' : ''))
        diffs.push(`column ${where}: type ${actualType} in the database, ${expectedType} in schema.prisma`);
      if (c.not_null !== f.isRequired)
        diffs.push(
          `column ${where}: ${c.not_null ? 'NOT NULL' : 'nullable'} in the database, ${f.isRequired ? 'required' : 'optional'} in schema.prisma`,
        );
      // uuid(), cuid() and @updatedAt are filled in by the client; everything else by the database.
      const clientSide =
        f.isUpdatedAt ||
        (typeof f.default === 'object' &&
          f.default !== null &&
          ['uuid', 'cuid', 'nanoid', 'ulid'].includes((f.default as { name: string }).name));
      const expectsDbDefault = f.hasDefaultValue && !clientSide;
      if (c.has_default !== expectsDbDefault)
        diffs.push(
          `column ${where}: ${c.has_default ? 'has' : 'has no'} default in the database, ${expectsDbDefault ? 'has' : 'has no'} database default in schema.prisma`,
        );
      dbColumns.delete(column(f));
    }
    for (const extra of dbColumns.keys())
      diffs.push(`column ${table(m)}.${extra}: in the database, missing in schema.prisma`);
  }

  // Enums
  const { rows: enumRows } = await client.query<{ name: string; values: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' GROUP BY t.typname`);
  const dbEnums = new Map(enumRows.map((r) => [r.name, r.values]));
  for (const e of dmmf.enums) {
    const name = e.dbName ?? e.name;
    const values = dbEnums.get(name);
    if (!values) diffs.push(`enum ${name}: in schema.prisma, missing in the database`);
    else if (values.join(',') !== e.values.map((v) => v.name).join(','))
      diffs.push(
        `enum ${name}: values ${values.join(',')} in the database, ${e.values.map((v) => v.name).join(',')} in schema.prisma`,
      );
    dbEnums.delete(name);
  }
  for (const extra of dbEnums.keys()) diffs.push(`enum ${extra}: in the database, missing in schema.prisma`);

  // Primary keys, unique and plain indexes (by name and exact column list)
  const { rows: indexRows } = await client.query<{
    table_name: string;
    index_name: string;
    is_unique: boolean;
    is_primary: boolean;
    columns: string[];
  }>(`
    SELECT t.relname AS table_name, i.relname AS index_name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
           array_agg(a.attname ORDER BY k.ord)::text[] AS columns
    FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
    WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
    GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`);
  const dbIndexes = new Map(indexRows.map((r) => [r.index_name, r]));
  for (const ix of dmmf.indexes) {
    const m = modelByName.get(ix.model)!;
    const cols = ix.fields.map((f) => column(m.fields.find((x) => x.name === f.name)!));
    const suffix = ix.type === 'id' ? 'pkey' : ix.type === 'unique' ? 'key' : 'idx';
    const name = ix.dbName ?? (ix.type === 'id' ? `${table(m)}_pkey` : `${table(m)}_${cols.join('_')}_${suffix}`);
    const what = ix.type === 'id' ? 'primary key' : ix.type === 'unique' ? 'unique index' : 'index';
    const found = dbIndexes.get(name);
    if (!found) {
      diffs.push(`${what} ${name} on ${table(m)}(${cols.join(', ')}): in schema.prisma, missing in the database`);
      continue;
    }
    if (found.table_name !== table(m) || found.columns.join(',') !== cols.join(','))
      diffs.push(
        `${what} ${name}: columns ${found.table_name}(${found.columns.join(', ')}) in the database, ${table(m)}(${cols.join(', ')}) in schema.prisma`,
      );
    if (found.is_primary !== (ix.type === 'id') || found.is_unique !== (ix.type !== 'normal'))
      diffs.push(
        `${what} ${name}: kind differs (primary ${found.is_primary}, unique ${found.is_unique} in the database)`,
      );
    dbIndexes.delete(name);
  }
  for (const extra of dbIndexes.values())
    diffs.push(
      `index ${extra.index_name} on ${extra.table_name}(${extra.columns.join(', ')}): in the database, missing in schema.prisma`,
    );

  // Foreign keys
  const { rows: fkRows } = await client.query<{
    name: string;
    table_name: string;
    columns: string[];
    ref_table: string;
    ref_columns: string[];
    on_delete: string;
    on_update: string;
  }>(`
    SELECT con.conname AS name, t.relname AS table_name, rt.relname AS ref_table,
           (SELECT array_agg(a.attname ORDER BY k.ord)::text[] FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
           (SELECT array_agg(a.attname ORDER BY k.ord)::text[] FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS ref_columns,
           con.confdeltype AS on_delete, con.confupdtype AS on_update
    FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_class rt ON rt.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE con.contype = 'f' AND n.nspname = 'public'`);
  const dbFks = new Map(fkRows.map((r) => [r.name, r]));
  for (const m of dmmf.models) {
    for (const f of m.fields) {
      if (f.kind !== 'object' || !f.relationFromFields?.length) continue;
      const target = modelByName.get(f.type)!;
      const cols = f.relationFromFields.map((n) => column(m.fields.find((x) => x.name === n)!));
      const refCols = f.relationToFields!.map((n) => column(target.fields.find((x) => x.name === n)!));
      const name = `${table(m)}_${cols.join('_')}_fkey`;
      const fk = dbFks.get(name);
      if (!fk) {
        diffs.push(`foreign key ${name}: in schema.prisma, missing in the database`);
        continue;
      }
      const onDelete = onDeleteSql[f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull')];
      const onUpdate = onDeleteSql[f.relationOnUpdate ?? 'Cascade'];
      const actual = `${fk.table_name}(${fk.columns.join(',')}) → ${fk.ref_table}(${fk.ref_columns.join(',')}) ON DELETE ${fkActionCode[fk.on_delete]} ON UPDATE ${fkActionCode[fk.on_update]}`;
      const expected = `${table(m)}(${cols.join(',')}) → ${table(target)}(${refCols.join(',')}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
      if (actual !== expected)
        diffs.push(`foreign key ${name}: ${actual} in the database, ${expected} in schema.prisma`);
      dbFks.delete(name);
    }
  }
  for (const extra of dbFks.values())
    diffs.push(`foreign key ${extra.name} on ${extra.table_name}: in the database, missing in schema.prisma`);
  return diffs;
}
