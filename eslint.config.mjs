import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import local from './eslint-rules/index.mjs';

const config = [
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.next-test/**',
      '.next-bench/**',
      '.next-*/**',
      '.h5-build/**',
      '.server-build/**',
      'public/h5/**',
      'generated/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Configuration is data: only lib/config.ts (and tool configs) read the environment.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read configuration through lib/config.ts' },
      ],
    },
  },
  {
    // server.ts launches Next, which must load .env before config() does (see its header).
    files: [
      'lib/config.ts',
      'server.ts',
      '*.config.ts',
      '*.config.js',
      '*.config.mjs',
      'scripts/**',
      'tests/**',
      'e2e/**',
      'bench/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The layering (README.md, Architecture): lib/ is the domain and knows nothing of routes, UI
    // or Next; the UI and the workers never reach into routes; lib/'s folders stand on each other
    // without a circle (`node eslint-rules/import-graph.mjs` lists every circle).
    plugins: { local },
    rules: {
      'local/layering': [
        'error',
        {
          lib: { rooms: ['app', 'components'], packages: ['next'] },
          components: { rooms: ['app'] },
          workers: { rooms: ['app'] },
        },
      ],
      'local/no-lib-folder-cycles': 'error',
    },
  },
  {
    // The console speaks the operator's language (lib/i18n/console): its text goes through t().
    files: ['components/console/**/*.tsx', 'app/(console)/**/*.tsx', 'app/not-found.tsx'],
    plugins: { local },
    rules: { 'local/no-untranslated-text': 'error' },
  },
];

export default config;
