// The repository's own ESLint rules, loaded by eslint.config.mjs as the `local` plugin.
import layering from './layering.mjs';
import noLibFolderCycles from './no-lib-folder-cycles.mjs';

const plugin = { meta: { name: 'local' }, rules: { layering, 'no-lib-folder-cycles': noLibFolderCycles } };

export default plugin;
