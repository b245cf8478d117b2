// The layout's layering: a room of the repository (its top folder) never imports the rooms or
// packages the configuration names, e.g. lib/ never imports app/, components/ or next.
// Options: { [room]: { rooms?: string[], packages?: string[] } }; a package covers its subpaths.
import { importsOf, resolveImport, roomOf } from './import-graph.mjs';

/** @type {import('eslint').Rule.RuleModule} */
const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'a top folder never imports the folders or packages above it in the layering' },
    schema: [
      {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: {
            rooms: { type: 'array', items: { type: 'string' } },
            packages: { type: 'array', items: { type: 'string' } },
          },
          additionalProperties: false,
        },
      },
    ],
    messages: { forbidden: '{{room}}/ never imports {{what}} ({{spec}}): {{room}}/ sits below it in the layering.' },
  },
  create(context) {
    const rules = context.options[0] ?? {};
    const root = context.cwd;
    const file = context.physicalFilename;
    const room = roomOf(root, file);
    const rule = room && rules[room];
    if (!rule) return {};
    return {
      Program() {
        const { sourceCode } = context;
        for (const { spec, start, end } of importsOf(sourceCode.text)) {
          const target = resolveImport(root, file, spec);
          const what = target.pkg
            ? rule.packages?.includes(target.pkg) && `the ${target.pkg} package`
            : rule.rooms?.includes(roomOf(root, target.file)) && `${roomOf(root, target.file)}/`;
          if (!what) continue;
          const loc = { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) };
          context.report({ loc, messageId: 'forbidden', data: { room, what, spec } });
        }
      },
    };
  },
};

export default layering;
