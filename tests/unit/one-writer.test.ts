// Each rule of the books has one writer, and a second one fails here: Activity.status is written
// only by lib/activities/transition-activity.ts; Prize.availableStock, ActivityStock and the
// StockMovement ledger only by lib/inventory/move-stock.ts (and ActivityStock.issued, a copy of
// Redis's count, also by the draw-log's write-back, lib/draw/write-back-issued.ts). The source is
// read as TypeScript: every Prisma write of those models names its columns in an object literal,
// and every raw statement is a string. Spreads of other objects are not followed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WRITES = new Set(['create', 'createMany', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany']);

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name)) out.push(full);
    }
  };
  for (const dir of ['lib', 'app', 'components', 'workers', 'scripts']) walk(path.join(ROOT, dir));
  return [...out, path.join(ROOT, 'prisma/seed.ts')];
}

type Write = { file: string; model: string; columns: Set<string> };

/** Every Prisma write (`x.<model>.<write>({ data: ... })`) and raw INSERT/UPDATE/DELETE, with the columns it names. */
function writes(file: string): Write[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Write[] = [];
  const rel = path.relative(ROOT, file);
  const names = (node: ts.Node | undefined, into = new Set<string>()) => {
    if (!node) return into;
    if (
      (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
      !ts.isComputedPropertyName(node.name)
    ) {
      into.add(node.name.getText(source));
    }
    node.forEachChild((child) => void names(child, into));
    return into;
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      WRITES.has(node.expression.name.text)
    ) {
      const target = node.expression.expression;
      const [arg] = node.arguments;
      if (ts.isPropertyAccessExpression(target) && arg && ts.isObjectLiteralExpression(arg)) {
        const columns = new Set<string>();
        for (const p of arg.properties) {
          if (ts.isPropertyAssignment(p) && ['data', 'create', 'update'].includes(p.name.getText(source)))
            names(p.initializer, columns);
        }
        found.push({ file: rel, model: target.name.text, columns });
      }
    }
    if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) {
      const sql = node.getText(source);
      for (const m of sql.matchAll(
        /\b(?:INSERT INTO|UPDATE|DELETE FROM)\s+"(\w+)"([\s\S]*?)(?:\bWHERE\b|\bFROM\b|\bRETURNING\b|$)/gi,
      )) {
        const model = m[1]![0]!.toLowerCase() + m[1]!.slice(1);
        found.push({
          file: rel,
          model,
          columns: new Set(m[2]!.match(/"?\b\w+\b"?\s*=/g)?.map((c) => c.replace(/["=\s]/g, '')) ?? ['*']),
        });
      }
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

const all = sourceFiles().flatMap(writes);
const writers = (model: string, column?: string) =>
  [
    ...new Set(
      all
        .filter((w) => w.model === model && (!column || w.columns.has(column) || w.columns.has('*')))
        .map((w) => w.file),
    ),
  ].sort();

describe('one writer for each rule of the books', () => {
  it('Activity.status: the transition table', () => {
    expect(writers('activity').length).toBeGreaterThan(1); // the check sees the other writes of the row
    expect(writers('activity', 'status')).toEqual(['lib/activities/transition-activity.ts']);
  });

  it('the stock ledger and the pools it sums to: move-stock, and issued also by the write-back', () => {
    expect(writers('stockMovement')).toEqual(['lib/inventory/move-stock.ts']);
    expect(writers('prize', 'availableStock')).toEqual(['lib/inventory/move-stock.ts']);
    for (const column of ['reserved', 'returned'])
      expect(writers('activityStock', column)).toEqual(['lib/inventory/move-stock.ts']);
    expect(writers('activityStock')).toEqual(['lib/draw/write-back-issued.ts', 'lib/inventory/move-stock.ts']);
    expect(
      all
        .filter((w) => w.file === 'lib/draw/write-back-issued.ts' && w.model === 'activityStock')
        .map((w) => [...w.columns].sort()),
    ).toEqual([['issued', 'updatedAt', 'version']]);
  });
});
