// The repository's import graph as the boundary rules see it: which files a file imports
// (import, export … from, import(), require, import type: a type is a dependency too), where a
// specifier points (`@/…` is the repository root, as in tsconfig.json), and which room of the
// layout a path is in. `node eslint-rules/import-graph.mjs` prints every circle between the
// folders of lib/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const TRY = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '/index.ts', '/index.tsx'];

/** Each import of a text: the specifier and where it stands (offsets of the quoted string). */
export function importsOf(text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => ({ spec: f.fileName, start: f.pos, end: f.end }));
}

/**
 * Where a specifier points: `{ file }`, an absolute path inside the repository (the file when it
 * exists, else the path as written), or `{ pkg }`, a package's name (`next` for `next/link`).
 */
export function resolveImport(root, fromFile, spec) {
  let base;
  if (spec.startsWith('@/')) base = path.join(root, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(fromFile), spec);
  else if (spec.startsWith('/')) base = spec;
  else {
    const parts = spec.split('/');
    return { pkg: spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
  }
  for (const suffix of TRY) {
    const candidate = base + suffix;
    if (fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()) return { file: candidate };
  }
  return { file: base };
}

/** The top folder of a path inside the repository (`lib`, `app`, …), or null outside it. */
export function roomOf(root, file) {
  const rel = path.relative(root, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep)[0];
}

/** The node of lib/ a path belongs to: `lib/draw` for a folder's file, `lib/db` for a file of lib/ itself. */
export function libNodeOf(root, file) {
  const rel = path.relative(path.join(root, 'lib'), file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? `lib/${parts[0]}` : `lib/${parts[0].replace(SOURCE, '')}`;
}

function sourceFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

// Parsed files, and the graph built from them, kept while no file of lib/ changes its
// modification time: an editor's long-lived ESLint sees edits to other files, and a run over
// the whole tree parses each file and builds the graph once.
const parsed = new Map();
const graphs = new Map();

function importedFiles(root, file, text) {
  const targets = [];
  for (const { spec } of importsOf(text)) {
    const target = resolveImport(root, file, spec);
    if (target.file) targets.push(target.file);
  }
  return targets;
}

/**
 * lib/'s graph of nodes: Map(node → Map(node → [importing file, imported file][])). The file being
 * linted needs no fresher copy: a path back to its own node never leaves from it.
 */
export function libGraph(root) {
  const libDir = path.join(root, 'lib');
  const files = fs.existsSync(libDir) ? sourceFiles(libDir) : [];
  const stamps = files.map((file) => [file, fs.statSync(file).mtimeMs]);
  const signature = stamps.map(([file, mtimeMs]) => `${file}@${mtimeMs}`).join('\n');
  const last = graphs.get(root);
  if (last?.signature === signature) return last.edges;
  const edges = new Map();
  for (const [file, mtimeMs] of stamps) {
    let hit = parsed.get(file);
    if (!hit || hit.mtimeMs !== mtimeMs) {
      hit = { mtimeMs, targets: importedFiles(root, file, fs.readFileSync(file, 'utf8')) };
      parsed.set(file, hit);
    }
    const from = libNodeOf(root, file);
    for (const target of hit.targets) {
      const to = libNodeOf(root, target);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      const out = edges.get(from);
      if (!out.has(to)) out.set(to, []);
      out.get(to).push([path.relative(root, file), path.relative(root, target)]);
    }
  }
  graphs.set(root, { signature, edges });
  return edges;
}

/** The shortest chain of nodes from `from` to `to` (both included), or null when there is none. */
export function shortestPath(edges, from, to) {
  const cameFrom = new Map([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const node = queue.shift();
    if (node === to) {
      const chain = [];
      for (let n = to; n !== null; n = cameFrom.get(n)) chain.unshift(n);
      return chain;
    }
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

/** Every elementary circle between nodes, each once, starting from its smallest node. */
export function elementaryCycles(edges) {
  const nodes = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])])].sort();
  const cycles = [];
  nodes.forEach((start, i) => {
    const allowed = new Set(nodes.slice(i));
    const chain = [start];
    const visit = (node) => {
      for (const next of edges.get(node)?.keys() ?? []) {
        if (next === start) cycles.push([...chain, start]);
        else if (allowed.has(next) && !chain.includes(next)) {
          chain.push(next);
          visit(next);
          chain.pop();
        }
      }
    };
    visit(start);
  });
  return cycles;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const edges = libGraph(root);
  const cycles = elementaryCycles(edges);
  for (const cycle of cycles) {
    console.log(cycle.join(' → '));
    for (let i = 0; i + 1 < cycle.length; i++) {
      const [from, to] = edges.get(cycle[i]).get(cycle[i + 1])[0];
      console.log(`    ${from} imports ${to}`);
    }
  }
  console.log(`${cycles.length} circle(s) between the folders of lib/`);
  process.exitCode = cycles.length ? 1 : 0;
}
