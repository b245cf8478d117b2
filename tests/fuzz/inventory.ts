// What the fuzz must cover, read from the project itself: every route file under app/ with the
// methods it exports, and every exported server action with the id the production build gave
// it. A new route or action therefore shows up here by itself, and the run fails naming it until
// the fuzz model (tests/fuzz/model.ts) knows how to call it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A route file: its URL pattern (route groups dropped, `[param]` kept) and the methods it serves. */
export type RouteFile = { file: string; pattern: string; methods: HttpMethod[] };

/** An exported function of a `'use server'` file. */
export type ActionExport = { file: string; name: string };

/** The key both the model and the build's manifest are matched on. */
export const actionKey = (file: string, name: string) => `${file}#${name}`;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** `app/(console)/t/[tenant]/x/route.ts` → `/t/[tenant]/x`. */
export function routePattern(file: string): string {
  const segments = path
    .dirname(file)
    .split(path.sep)
    .slice(1)
    .filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

/** The HTTP methods a route module exports, however it spells the export. */
export function exportedMethods(source: string): HttpMethod[] {
  const found = new Set<HttpMethod>();
  const isMethod = (name: string): name is HttpMethod => (HTTP_METHODS as readonly string[]).includes(name);
  for (const m of source.matchAll(/export\s+(?:const|let|var|async\s+function|function)\s+([A-Z]+)\b/g)) {
    if (isMethod(m[1]!)) found.add(m[1]);
  }
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()!
        .trim();
      if (isMethod(name)) found.add(name);
    }
  }
  return HTTP_METHODS.filter((m) => found.has(m));
}

export function listRouteFiles(root: string): RouteFile[] {
  return walk(path.join(root, 'app'))
    .filter((f) => /(^|\/)route\.(ts|tsx|js)$/.test(f))
    .map((full) => {
      const file = path.relative(root, full);
      return { file, pattern: routePattern(file), methods: exportedMethods(readFileSync(full, 'utf8')) };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** Exported functions of every file whose first statement is `'use server'`. */
export function listServerActions(root: string): ActionExport[] {
  const out: ActionExport[] = [];
  for (const dir of ['app', 'components', 'lib']) {
    let files: string[];
    try {
      files = walk(path.join(root, dir));
    } catch {
      continue;
    }
    for (const full of files.filter((f) => /\.(ts|tsx)$/.test(f))) {
      const source = readFileSync(full, 'utf8');
      if (!/^\s*(\/\/[^\n]*\n\s*)*['"]use server['"]/.test(source)) continue;
      const file = path.relative(root, full);
      for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)) out.push({ file, name: m[1]! });
    }
  }
  return out.sort((a, b) => actionKey(a.file, a.name).localeCompare(actionKey(b.file, b.name)));
}

export type ActionId = { id: string; pages: string[] };

/** The production build's action ids, by `file#export` (the server-reference manifest). */
export function readActionIds(distDir: string): Map<string, ActionId> {
  const manifest = JSON.parse(readFileSync(path.join(distDir, 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  const ids = new Map<string, ActionId>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    ids.set(actionKey(entry.filename, entry.exportedName), { id, pages: Object.keys(entry.workers) });
  }
  return ids;
}
