// Lists the exports of lib/, components/ and workers/ that no production code uses: `node
// scripts/list-unused-exports.mjs [folders]`. An export only tests or benchmarks use is dead
// code unless it is a seam the tests need (resetConfigForTests) or an internal the module uses
// itself and the tests check on its own (`own` > 0). Slow (the TypeScript language service
// finds every reference); run it by hand, not in npm test. A default export loaded by name
// (workers/index.ts, the H5 build's entries) shows up here too: check before removing.
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const folders = (process.argv[2] ?? 'lib,components,workers').split(',');
const parsed = ts.getParsedCommandLineOfConfigFile(
  path.join(root, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
const files = parsed.fileNames.filter((f) => !/\/(node_modules|generated|\.next[^/]*)\//.test(f));
const service = ts.createLanguageService({
  getScriptFileNames: () => files,
  getScriptVersion: () => '1',
  getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)) : undefined),
  getCurrentDirectory: () => root,
  getCompilationSettings: () => parsed.options,
  getDefaultLibFileName: ts.getDefaultLibFilePath,
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
});
const program = service.getProgram();
const checker = program.getTypeChecker();
const rel = (f) => path.relative(root, f);
const tier = (f) => /^(tests|bench|e2e)\//.exec(rel(f))?.[1] ?? 'code';

for (const source of program.getSourceFiles()) {
  const file = rel(source.fileName);
  if (!folders.some((folder) => file === folder || file.startsWith(`${folder}/`))) continue;
  const moduleSymbol = checker.getSymbolAtLocation(source);
  for (const symbol of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
    const declaration = symbol.declarations?.[0];
    if (!declaration || declaration.getSourceFile() !== source) continue;
    const at = (declaration.name ?? declaration).getStart(source);
    const uses = { own: 0, code: 0, tests: 0, bench: 0, e2e: 0 };
    for (const group of service.findReferences(source.fileName, at) ?? []) {
      for (const ref of group.references) {
        if (ref.isDefinition) continue;
        uses[ref.fileName === source.fileName ? 'own' : tier(ref.fileName)]++;
      }
    }
    if (uses.code > 0) continue;
    const type = ts.isTypeAliasDeclaration(declaration) || ts.isInterfaceDeclaration(declaration);
    const counts = Object.entries(uses)
      .filter(([k, n]) => k !== 'code' && n > 0)
      .map(([k, n]) => `${k} ${n}`);
    console.log(`${rel(source.fileName)} ${symbol.name}${type ? ' (type)' : ''}: ${counts.join(', ') || 'unused'}`);
  }
}
