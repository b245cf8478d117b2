import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it, vi } from 'vitest';

// ESLint loads its parser on the first run, which a busy machine makes slow: not a timing test.
vi.setConfig({ testTimeout: 60_000 });

async function lint(code: string): Promise<string[]> {
  const rule = (
    await import(pathToFileURL(path.resolve(import.meta.dirname, '../../eslint-rules/no-untranslated-text.mjs')).href)
  ).default;
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.tsx'],
        languageOptions: {
          parser: await import('@typescript-eslint/parser'),
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
        plugins: { local: { rules: { 'no-untranslated-text': rule } } },
        rules: { 'local/no-untranslated-text': 'error' },
      },
    ],
    'page.tsx',
  );
  return messages.map((m) => m.message);
}

describe('console text goes through t()', () => {
  it('reports literal words in JSX text, labelling attributes and expression children', async () => {
    const found = await lint(`export const A = ({ n }) => (
      <div title="Open the editor">
        Save draft
        <input placeholder={'Search winners'} aria-label={\`Row \${n}\`} />
        {'No results'}
      </div>
    );`);
    expect(found).toHaveLength(5);
    expect(found[0]).toContain('Open the editor');
  });

  it('passes translated text, class names and language-neutral marks', async () => {
    const found = await lint(`export const A = ({ t, n }) => (
      <div title={t('Open the editor')} className="flex gap-2" data-testid="row">
        {t('Save draft')} · CSV → 2FA ({n})
        <input placeholder={t('Search winners')} type="text" />
      </div>
    );`);
    expect(found).toEqual([]);
  });
});
