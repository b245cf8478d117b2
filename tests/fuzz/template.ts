// A request as a tree of typed fields, each knowing its valid values and its hostile ones. The
// generator draws a mostly valid request with exactly one hostile change somewhere in the tree
// (a field, an object's shape, the body's bytes, the credentials, a header), so the request
// passes everything before that field and the change reaches the code that handles it.
import fc from 'fast-check';
import { OMIT, RawJson, wrongType, type Mutant, type Place } from './hostile';

export type Leaf = {
  kind: 'leaf';
  valid: fc.Arbitrary<unknown>;
  hostile: (place: Place) => fc.Arbitrary<Mutant>;
  /** Valid requests leave it out half of the time. */
  optional?: boolean;
  /** Not mutated by type (credentials, content types): only by its own hostile values. */
  typed?: false;
  /** A literal part of the request (a path's fixed segment): never mutated. */
  fixed?: true;
};
export type Obj = { kind: 'obj'; fields: Record<string, Node> };
export type Arr = { kind: 'arr'; items: Node[] };
export type Node = Leaf | Obj | Arr;

export const leaf = (
  valid: fc.Arbitrary<unknown>,
  hostile: (place: Place) => fc.Arbitrary<Mutant>,
  extra: Partial<Leaf> = {},
): Leaf => ({
  kind: 'leaf',
  valid,
  hostile,
  ...extra,
});
export const obj = (fields: Record<string, Node>): Obj => ({ kind: 'obj', fields });
export const arr = (...items: Node[]): Arr => ({ kind: 'arr', items });
/** A fixed part (a path's literal segment): never mutated. */
export const fixed = (value: unknown): Leaf =>
  leaf(fc.constant(value), () => fc.constant({ label: 'fixed', value }), { fixed: true });

type Where = { path: (string | number)[]; node: Node; place: Place };

function locate(node: Node, place: Place, at: (string | number)[], out: Where[]) {
  if (node.kind === 'leaf') {
    if (!node.fixed) out.push({ path: at, node, place });
    return out;
  }
  out.push({ path: at, node, place });
  if (node.kind === 'obj') for (const [k, child] of Object.entries(node.fields)) locate(child, place, [...at, k], out);
  else node.items.forEach((child, i) => locate(child, place, [...at, i], out));
  return out;
}

/** The valid value of a subtree. */
export function validOf(node: Node): fc.Arbitrary<unknown> {
  if (node.kind === 'leaf') return node.optional ? fc.oneof(node.valid, fc.constant(OMIT)) : node.valid;
  if (node.kind === 'arr') return fc.tuple(...node.items.map(validOf));
  const keys = Object.keys(node.fields);
  return fc
    .tuple(...keys.map((k) => validOf(node.fields[k]!)))
    .map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]).filter(([, v]) => v !== OMIT)));
}

/** One hostile change to a node: a leaf's value, or an object's or array's shape. */
function mutationsOf(where: Where): fc.Arbitrary<Mutant> {
  const { node, place } = where;
  if (node.kind === 'leaf') {
    if (node.typed === false || place === 'path' || place === 'query' || place === 'header') return node.hostile(place);
    return fc.oneof({ weight: 3, arbitrary: node.hostile(place) }, { weight: 1, arbitrary: wrongType(place) });
  }
  if (node.kind === 'arr') {
    return fc.oneof(
      validOf(node).map((v) => ({ label: 'array:empty', value: (v as unknown[]).slice(0, 0) })),
      validOf(node).map((v) => ({
        label: 'array:repeated',
        value: Array.from({ length: 1_001 }, () => (v as unknown[])[0] ?? null),
      })),
      wrongType(place),
    );
  }
  const keys = Object.keys(node.fields);
  const withExtra = (label: string, extra: (v: Record<string, unknown>) => Record<string, unknown>) =>
    validOf(node).map((v) => ({ label, value: extra({ ...(v as Record<string, unknown>) }) }));
  const options: fc.Arbitrary<Mutant>[] = [
    withExtra('object:unknown-field', (v) => ({ ...v, zzUnknown: 1 })),
    withExtra('object:__proto__-key', (v) =>
      Object.assign(Object.fromEntries([['__proto__', { polluted: true, isAdmin: true }]]), v),
    ),
    withExtra('object:constructor-key', (v) => ({ ...v, constructor: { prototype: { polluted: true } } })),
    withExtra('object:prototype-key', (v) => ({
      ...v,
      prototype: { polluted: true },
      toString: 'x',
      hasOwnProperty: 1,
    })),
    wrongType(place),
  ];
  if (keys.length) {
    options.push(
      fc.tuple(validOf(node), fc.constantFrom(...keys)).map(([v, k]) => {
        const copy = { ...(v as Record<string, unknown>) };
        delete copy[k];
        return { label: 'object:missing-field', value: copy };
      }),
    );
  }
  return fc.oneof(...options);
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = root.slice();
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy;
  }
  const copy = Object.assign(Object.create(null) as Record<string, unknown>, root as object);
  const next = setAt(copy[head as string], rest, value);
  if (next === OMIT) delete copy[head as string];
  else copy[head as string] = next;
  // A plain object again, with any own "__proto__" key kept as data.
  return Object.fromEntries(Object.entries(copy));
}

/** A drawn request: the values of the whole tree, and the one change made (null: none). */
export type Drawn = { values: Record<string, unknown>; mutation: string | null; where: string | null };

/** `shapeFixed`: the part's own shape is not attacked (a path is always a list of segments). */
export type Part = { node: Node; place: Place; shapeFixed?: boolean };

/**
 * The arbitrary of one request: valid with weight `validWeight`, otherwise exactly one hostile
 * change at a node chosen uniformly among all nodes of all parts (and `extra` whole-request changes).
 */
export function requestArbitrary(
  parts: Record<string, Part>,
  { validWeight = 1, extra = [] as fc.Arbitrary<Drawn>[] } = {},
): fc.Arbitrary<Drawn> {
  const names = Object.keys(parts);
  const validAll = fc
    .tuple(...names.map((n) => validOf(parts[n]!.node)))
    .map((vs) => Object.fromEntries(names.map((n, i) => [n, vs[i]])) as Record<string, unknown>);
  const targets: Where[] = [];
  for (const n of names) {
    for (const w of locate(parts[n]!.node, parts[n]!.place, [], [])) {
      if (parts[n]!.shapeFixed && w.path.length === 0) continue;
      targets.push({ ...w, path: [n, ...w.path] });
    }
  }
  const mutated = targets.map((t) =>
    fc.tuple(validAll, mutationsOf(t)).map(([values, m]): Drawn => ({
      values: setAt(values, t.path, m.value) as Record<string, unknown>,
      mutation: m.label,
      where: t.path.join('.'),
    })),
  );
  const valid = validAll.map((values): Drawn => ({ values, mutation: null, where: null }));
  const hostile = [...mutated, ...extra];
  if (hostile.length === 0) return valid;
  return fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: 3, arbitrary: fc.oneof(...hostile) });
}

/** JSON text of a value, with RawJson pieces written as they are. */
export function jsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, function (_k, v: unknown) {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0001raw${raws.length - 1}\u0001`;
    }
    if (typeof v === 'bigint') return v.toString();
    return v;
  });
  if (text === undefined) return '';
  return raws.length ? text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]!) : text;
}
