import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The repository's own rules (eslint-rules/), run by ESLint over a small repository made for
// each test, configured as eslint.config.mjs configures them.
const rulesDir = path.resolve(import.meta.dirname, '../../eslint-rules');
// ESLint loads its parsers on the first run, which a busy machine makes slow: not a timing test.
vi.setConfig({ testTimeout: 60_000 });
const load = async (file: string) => (await import(pathToFileURL(path.join(rulesDir, file)).href)).default;

const LAYERING = {
  lib: { rooms: ['app', 'components'], packages: ['next'] },
  components: { rooms: ['app'] },
  workers: { rooms: ['app'] },
};

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function repo(files: Record<string, string>): string {
  root = mkdtempSync(path.join(tmpdir(), 'eslint-boundaries-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

async function eslintIn(cwd: string): Promise<ESLint> {
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: await import('@typescript-eslint/parser') },
      plugins: { local: await load('index.mjs') },
      rules: { 'local/layering': ['error', LAYERING], 'local/no-lib-folder-cycles': 'error' },
    },
  ];
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config });
}

async function problems(cwd: string, text?: { file: string; text: string }) {
  const eslint = await eslintIn(cwd);
  const results = text
    ? await eslint.lintText(text.text, { filePath: path.join(cwd, text.file) })
    : await eslint.lintFiles(['.']);
  return results
    .flatMap((r) =>
      r.messages.map((m) => ({
        file: path.relative(cwd, r.filePath),
        rule: m.ruleId,
        line: m.line,
        message: m.message,
      })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

describe('local/layering', () => {
  it('refuses lib → app, components, next; components → app; workers → app; however the path is spelt', async () => {
    const cwd = repo({
      'app/page.ts': "import { run } from '../lib/a/run';\nexport const page = run;\n",
      'components/card.ts': "import { page } from '@/app/page';\nexport const card = page;\n",
      'workers/worker.ts': "import { page } from '../app/page';\nexport const worker = page;\n",
      'lib/a/run.ts': [
        "import 'server-only';",
        "import type { NextRequest } from 'next/server';",
        "import { page } from '@/app/page';",
        "import { card } from '../../components/card';",
        "export const run = async (r: NextRequest) => [page, card, r, await import('next/headers')];",
        '',
      ].join('\n'),
    });
    expect(await problems(cwd)).toEqual([
      {
        file: 'components/card.ts',
        rule: 'local/layering',
        line: 1,
        message: expect.stringMatching(/^components\/ never imports app\/ \(@\/app\/page\)/),
      },
      {
        file: 'lib/a/run.ts',
        rule: 'local/layering',
        line: 2,
        message: expect.stringMatching(/^lib\/ never imports the next package \(next\/server\)/),
      },
      {
        file: 'lib/a/run.ts',
        rule: 'local/layering',
        line: 3,
        message: expect.stringMatching(/^lib\/ never imports app\/ \(@\/app\/page\)/),
      },
      {
        file: 'lib/a/run.ts',
        rule: 'local/layering',
        line: 4,
        message: expect.stringMatching(/^lib\/ never imports components\/ /),
      },
      {
        file: 'lib/a/run.ts',
        rule: 'local/layering',
        line: 5,
        message: expect.stringMatching(/^lib\/ never imports the next package \(next\/headers\)/),
      },
      {
        file: 'workers/worker.ts',
        rule: 'local/layering',
        line: 1,
        message: expect.stringMatching(/^workers\/ never imports app\/ \(\.\.\/app\/page\)/),
      },
    ]);
  });

  it('lets lib import server-only, packages whose names merely start with next, and its own files', async () => {
    const cwd = repo({
      'lib/a/run.ts': [
        "import 'server-only';",
        "import NextAuth from 'next-auth';",
        "import { b } from '@/lib/b/b';",
        'export const run = [NextAuth, b];',
        '',
      ].join('\n'),
      'lib/b/b.ts': 'export const b = 1;\n',
    });
    expect(await problems(cwd)).toEqual([]);
  });
});

describe('local/no-lib-folder-cycles', () => {
  const chain = {
    'lib/a/one.ts': "import { two } from '../b/two';\nexport const one = two;\n",
    'lib/b/two.ts': "import { three } from '@/lib/c/three';\nexport const two = three;\n",
    'lib/c/three.ts': 'export const three = 3;\n',
    'lib/db.ts': 'export const db = 0;\n',
  };

  it('lets folders stand on each other in a line', async () => {
    expect(await problems(repo(chain))).toEqual([]);
  });

  it('names a circle of three folders at each import that closes it', async () => {
    const cwd = repo({ ...chain, 'lib/c/three.ts': "import { one } from '../a/one';\nexport const three = one;\n" });
    const found = await problems(cwd);
    expect(found.map((p) => [p.file, p.rule])).toEqual([
      ['lib/a/one.ts', 'local/no-lib-folder-cycles'],
      ['lib/b/two.ts', 'local/no-lib-folder-cycles'],
      ['lib/c/three.ts', 'local/no-lib-folder-cycles'],
    ]);
    expect(found[0]!.message).toContain('lib/a → lib/b → lib/c → lib/a');
    expect(found[2]!.message).toBe(
      'lib/ folders import each other in a circle: lib/c → lib/a → lib/b → lib/c ' +
        '(lib/c/three.ts imports ../a/one; lib/a/one.ts imports lib/b/two.ts; lib/b/two.ts imports lib/c/three.ts).',
    );
  });

  it('counts a file of lib/ itself as one node, and a type-only import as an import', async () => {
    const cwd = repo({
      ...chain,
      'lib/db.ts': "import type { one } from './a/one';\nexport const db: typeof one = 0;\n",
    });
    const found = await problems(cwd, {
      file: 'lib/c/three.ts',
      text: "import { db } from '../db';\nexport const three = db;\n",
    });
    expect(found).toEqual([
      {
        file: 'lib/c/three.ts',
        rule: 'local/no-lib-folder-cycles',
        line: 1,
        message: expect.stringContaining('lib/c → lib/db → lib/a → lib/b → lib/c'),
      },
    ]);
  });

  it('judges the file being linted as it is now, not as it was saved', async () => {
    const cwd = repo(chain);
    expect(
      await problems(cwd, {
        file: 'lib/c/three.ts',
        text: "import { one } from '../a/one';\nexport const three = one;\n",
      }),
    ).toEqual([
      {
        file: 'lib/c/three.ts',
        rule: 'local/no-lib-folder-cycles',
        line: 1,
        message: expect.stringContaining('lib/c → lib/a → lib/b → lib/c'),
      },
    ]);
  });
});
