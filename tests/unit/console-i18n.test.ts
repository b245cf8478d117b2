import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { consoleCatalogs } from '@/lib/i18n/console/catalogs';
import { pickConsoleLocale } from '@/lib/i18n/console/locale';
import { createTranslator, placeholdersOf } from '@/lib/i18n/console/translator';
import { activities } from '@/lib/i18n/console/zh-CN/activities';
import { operations } from '@/lib/i18n/console/zh-CN/operations';
import { settings } from '@/lib/i18n/console/zh-CN/settings';
import { shell } from '@/lib/i18n/console/zh-CN/shell';

const root = path.resolve(import.meta.dirname, '../..');
const CONSOLE_DIRS = ['components/console', 'app/(console)'];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** `optional`: the English singular of a plural, which Chinese, with one form, needs no entry for. */
type Use = { message: string; where: string; optional?: boolean };

/**
 * Every string literal the console passes to `t(...)`, `t.plural(n, one, other)` or marks with
 * `msg(...)` (a table's label, translated where it is shown).
 */
function translatedLiterals(): Use[] {
  const uses: Use[] = [];
  for (const file of CONSOLE_DIRS.flatMap(sourceFiles)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) =>
      `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const isT = ts.isIdentifier(callee) && (callee.text === 't' || callee.text === 'msg');
        const isPlural =
          ts.isPropertyAccessExpression(callee) &&
          ts.isIdentifier(callee.expression) &&
          callee.expression.text === 't' &&
          callee.name.text === 'plural';
        const isCtx =
          ts.isPropertyAccessExpression(callee) &&
          ts.isIdentifier(callee.expression) &&
          callee.expression.text === 't' &&
          callee.name.text === 'ctx';
        if (isCtx) {
          const [context, text] = node.arguments;
          if (context && text && ts.isStringLiteral(context) && ts.isStringLiteral(text))
            uses.push({ message: `${context.text}|${text.text}`, where: where(text) });
        }
        const messages = isT ? node.arguments.slice(0, 1) : isPlural ? node.arguments.slice(1, 3) : [];
        for (const [i, arg] of messages.entries()) {
          if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))
            uses.push({ message: arg.text, where: where(arg), optional: isPlural && i === 0 });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

describe('the console in zh-CN', () => {
  const uses = translatedLiterals();

  it('finds the console’s translated text (the scan itself works)', () => {
    expect(uses.some((u) => u.message === 'Skip to content')).toBe(true);
  });

  it('has a zh-CN entry for every literal the console passes to t()', () => {
    const zh = consoleCatalogs['zh-CN'];
    const missing = uses
      .filter((u) => !u.optional && zh[u.message] === undefined)
      .map((u) => `${u.where}  ${u.message}`);
    expect(missing).toEqual([]);
  });

  it('keeps every placeholder of the English text in the translation', () => {
    const zh = consoleCatalogs['zh-CN'];
    const wrong = Object.entries(zh)
      .filter(([en, cn]) => placeholdersOf(en).join() !== placeholdersOf(cn).join())
      .map(([en, cn]) => `${en} → ${cn}`);
    expect(wrong).toEqual([]);
  });

  it('translates the same English text the same way in every part of the console', () => {
    const parts = { shell, activities, operations, settings } as Record<string, Record<string, string>>;
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const part of Object.values(parts))
      for (const [en, cn] of Object.entries(part)) {
        if (seen.has(en) && seen.get(en) !== cn) clashes.push(`${en}: ${seen.get(en)} / ${cn}`);
        seen.set(en, cn);
      }
    expect(clashes).toEqual([]);
  });

  it('carries no entry nothing uses (a renamed text leaves no stale translation behind)', () => {
    const used = new Set(uses.map((u) => u.message));
    const stale = Object.keys(consoleCatalogs['zh-CN']).filter((en) => !used.has(en));
    expect(stale).toEqual([]);
  });
});

describe('the console’s translator', () => {
  const zh = createTranslator('zh-CN', { '{count} draws today': '今日抽奖 {count} 次', Save: '保存' });
  const en = createTranslator('en', {});

  it('translates, interpolates and groups numbers per locale', () => {
    expect(zh('Save')).toBe('保存');
    expect(zh('{count} draws today', { count: 12345 })).toBe('今日抽奖 12,345 次');
    expect(en('{count} draws today', { count: 12345 })).toBe('12,345 draws today');
  });

  it('falls back to English for a text the catalog lacks, and leaves unknown placeholders', () => {
    expect(zh('Cancel')).toBe('Cancel');
    expect(en('Hello {name}', {})).toBe('Hello {name}');
  });

  it('tells apart texts alike in English by their context', () => {
    const zhc = createTranslator('zh-CN', { 'task kind|Sign in': '签到', 'Sign in': '登录' });
    expect(zhc.ctx('task kind', 'Sign in')).toBe('签到');
    expect(zhc('Sign in')).toBe('登录');
    expect(en.ctx('task kind', 'Sign in')).toBe('Sign in');
  });

  it('picks the English plural by count and the catalog’s one form in Chinese', () => {
    const zhp = createTranslator('zh-CN', { '{count} winners': '{count} 位中奖者' });
    expect(en.plural(1, '{count} winner', '{count} winners')).toBe('1 winner');
    expect(en.plural(2, '{count} winner', '{count} winners')).toBe('2 winners');
    expect(zhp.plural(1, '{count} winner', '{count} winners')).toBe('1 位中奖者');
  });

  it('takes the operator’s choice, else the browser’s language, else English', () => {
    expect(pickConsoleLocale('zh-CN', 'en-US')).toBe('zh-CN');
    expect(pickConsoleLocale('fr', 'zh-TW,zh;q=0.9')).toBe('zh-CN');
    expect(pickConsoleLocale(undefined, 'de-DE, en;q=0.5')).toBe('en');
    expect(pickConsoleLocale(undefined, 'ja')).toBe('en');
    expect(pickConsoleLocale(undefined, null)).toBe('en');
  });
});
