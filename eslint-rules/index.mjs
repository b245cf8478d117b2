// The repository's own ESLint rules, loaded by eslint.config.mjs as the `local` plugin.
import layering from './layering.mjs';
import noLibFolderCycles from './no-lib-folder-cycles.mjs';
import noUntranslatedText from './no-untranslated-text.mjs';

const plugin = {
  meta: { name: 'local' },
  rules: { layering, 'no-lib-folder-cycles': noLibFolderCycles, 'no-untranslated-text': noUntranslatedText },
};

export default plugin;
