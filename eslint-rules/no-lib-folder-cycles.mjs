// The folders of lib/ never import each other in a circle, however long (a → b → c → a): each
// concern stands on the ones below it. Reported at every import that closes a circle, naming
// the circle and, for each of its other steps, one import that makes it.
import path from 'node:path';
import { importsOf, libGraph, libNodeOf, resolveImport, shortestPath } from './import-graph.mjs';

/** @type {import('eslint').Rule.RuleModule} */
const noLibFolderCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'the folders of lib/ do not import each other in a circle' },
    schema: [],
    messages: { circle: 'lib/ folders import each other in a circle: {{circle}} ({{via}}).' },
  },
  create(context) {
    const root = context.cwd;
    const file = context.physicalFilename;
    const from = libNodeOf(root, file);
    if (!from) return {};
    return {
      Program() {
        const { sourceCode } = context;
        let edges;
        for (const { spec, start, end } of importsOf(sourceCode.text)) {
          const target = resolveImport(root, file, spec);
          const to = target.file && libNodeOf(root, target.file);
          if (!to || to === from) continue;
          edges ??= libGraph(root);
          const back = shortestPath(edges, to, from);
          if (!back) continue;
          const via = back.slice(0, -1).map((node, i) =>
            edges
              .get(node)
              .get(back[i + 1])[0]
              .join(' imports '),
          );
          const loc = { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) };
          const circle = [from, ...back].join(' → ');
          context.report({
            loc,
            messageId: 'circle',
            data: { circle, via: [`${path.relative(root, file)} imports ${spec}`, ...via].join('; ') },
          });
        }
      },
    };
  },
};

export default noLibFolderCycles;
