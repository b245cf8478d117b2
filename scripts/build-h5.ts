// The H5 play page's own build (run by `npm run build` before `next build`). The play page is
// not a Next page: a phone gets Preact (through preact/compat, so components/h5 reads as React)
// and the page's code, about a sixth of what React and Next's router weigh. Three outputs:
//   public/h5/play-<hash>.js    the browser bundle (components/h5/play-entry.ts)
//   public/h5/play-<hash>.css   Tailwind over components/h5 only
//   .h5-build/render-play.mjs   the server renderer (components/h5/play-render.ts), loaded by
//                               lib/h5/render-play-page.ts, with manifest.json naming the first two
// Names carry a content hash, so a running server and a fresh build never serve each other's files.
// `--watch` (npm run dev) builds again whenever a source of the page changes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import tailwind from '@tailwindcss/postcss';
import { build, type BuildOptions } from 'esbuild';
import postcss from 'postcss';

const root = join(import.meta.dirname, '..');
const publicDir = join(root, 'public/h5');
const serverDir = join(root, '.h5-build');

// components/h5 imports React's API; both bundles get Preact's instead.
const common: BuildOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  alias: { react: 'preact/compat', 'react-dom': 'preact/compat', 'react/jsx-runtime': 'preact/jsx-runtime' },
  define: { 'process.env.NODE_ENV': '"production"' },
  tsconfig: join(root, 'tsconfig.json'),
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
};

const hashOf = (data: string | Uint8Array) => createHash('sha256').update(data).digest('base64url').slice(0, 12);

/** What the page is built from: a change here rebuilds it in watch mode. */
const SOURCES = ['components/h5', 'lib/h5', 'lib/i18n', 'lib/fulfilment/claim-rules.ts', 'app/theme.css'];

async function buildH5() {
  const started = performance.now();
  const [client, server, css] = await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, 'components/h5/play-entry.ts')],
      platform: 'browser',
      target: 'es2020',
      outfile: 'play.js',
    }),
    build({
      ...common,
      entryPoints: [join(root, 'components/h5/play-render.ts')],
      platform: 'node',
      target: 'node20',
      outfile: 'render-play.mjs',
    }),
    buildCss(join(root, 'components/h5/play.css')),
  ]);
  const js = client.outputFiles![0]!.contents;
  const names = { js: `play-${hashOf(js)}.js`, css: `play-${hashOf(css)}.css` };
  mkdirSync(publicDir, { recursive: true });
  mkdirSync(serverDir, { recursive: true });
  writeFileSync(join(publicDir, names.js), js);
  writeFileSync(join(publicDir, names.css), css);
  writeFileSync(join(serverDir, 'render-play.mjs'), server.outputFiles![0]!.contents);
  writeFileSync(
    join(serverDir, 'manifest.json'),
    `${JSON.stringify({ js: `/h5/${names.js}`, css: `/h5/${names.css}` }, null, 2)}\n`,
  );
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.error(
    `h5: ${names.js} ${kb(js.byteLength)}, ${names.css} ${kb(css.length)} in ${Math.round(performance.now() - started)} ms`,
  );
}

async function buildCss(entry: string): Promise<string> {
  const result = await postcss([tailwind({ base: root, optimize: { minify: true } })]).process(
    readFileSync(entry, 'utf8'),
    { from: entry },
  );
  return result.css;
}

function watchSources() {
  let timer: NodeJS.Timeout | undefined;
  let building = Promise.resolve();
  const rebuild = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      building = building
        .then(buildH5)
        .catch((err: unknown) => console.error(`h5: build failed, waiting for the next change: ${String(err)}`));
    }, 100);
  };
  for (const source of SOURCES) watch(join(root, source), { recursive: true }, rebuild);
  console.error("h5: watching components/h5 and the page's other sources");
}

buildH5().then(
  () => {
    if (process.argv.includes('--watch')) watchSources();
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
