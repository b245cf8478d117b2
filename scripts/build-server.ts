// The production web server (server.ts) compiled at build time into one ES module,
// .server-build/server.mjs, which `npm start` runs with plain node. Run from source through tsx,
// every web process would also pass each of Next's compiled chunks through the TypeScript loader
// and keep their source maps: about 75 MB more per process and a slower start, for nothing.
// Packages stay outside the bundle, loaded from node_modules; Next's build, the play page's and
// the Lua scripts are read from the working directory at run time, as from source.
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');

await build({
  entryPoints: [join(root, 'server.ts')],
  outfile: join(root, '.server-build/server.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
});
