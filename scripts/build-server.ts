// The production web server (server.ts) and the workers (workers/index.ts) compiled at build time
// into one ES module each, .server-build/server.mjs and .server-build/workers.mjs, which `npm start`,
// the demo and the benchmarks run with plain node. Run from source through tsx, a web process would
// also pass each of Next's compiled chunks through the TypeScript loader and keep their source maps
// (about 75 MB more per process and a slower start), and the workers would carry tsx's loader and
// the TypeScript of every module they import, for nothing.
// Packages stay outside the bundles, loaded from node_modules; Next's build, the play page's and
// the Lua scripts are read from the working directory at run time, as from source.
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');

for (const [entry, out] of [
  ['server.ts', 'server.mjs'],
  ['workers/index.ts', 'workers.mjs'],
] as const) {
  await build({
    entryPoints: [join(root, entry)],
    outfile: join(root, '.server-build', out),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
}
