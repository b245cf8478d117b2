// A request of the fuzz, as sent and as printed for a reproduction, and how its parts become
// bytes on the wire.
import { inspect } from 'node:util';
import fc from 'fast-check';
import { OMIT, RawJson, RawPath } from './hostile';
import { credentialHeaders, subOf, type CredentialScope } from './credentials';
import { encodeArgs } from './server-action';
import { jsonText, requestArbitrary, type Drawn, type Node, type Part } from './template';
import type { Wire } from './http-client';
import type { ActivityView, Tenant } from './world';

export type Call = Wire & {
  endpoint: string;
  mutation: string | null;
  where: string | null;
  /** The hostile value itself, as `where = value`. */
  change?: string;
  /** The end user the call acts for (its token's `sub`), for the state digest and the books. */
  sub?: string;
  /** The activity id exactly as the call spelled it. */
  activity?: string;
  idempotencyKey?: string;
  forgedIp?: string;
  /** A server action: its export and its decoded arguments. */
  action?: { key: string; args: unknown };
  /** The route does not serve this method: 405 in the API's error shape is due. */
  expectMethodNotAllowed?: boolean;
  /** A sign-in whose redirect target is checked (only same-origin paths). */
  checkRedirect?: boolean;
  /** Sent together with this many valid draws of the lane's users in the same activity. */
  crowd?: number;
};

/** Everything a generator may pick from: the lane's tenant, the other tenants, the build. */
export type Ctx = CredentialScope & {
  baseUrl: string;
  nodeOnlyZones: string[];
  uploads: string[];
  actionPage: (key: string) => { id: string; path: string } | undefined;
};

/** A header the request must not carry at all (a missing Origin, a missing Next-Action). */
export const REMOVE_HEADER = Symbol('remove-header');

/** Raw request bytes in place of a JSON body (bad syntax, wrong encodings, sizes). */
export class RawBody {
  constructor(
    readonly bytes: Buffer,
    readonly contentType?: string,
  ) {}
}

export type HttpShape = {
  method: string;
  path: Node;
  query?: Node;
  headers?: Node;
  auth: Node;
  body?: Node;
  bodyKind?: 'json' | 'bytes' | 'form';
};

/** Percent-encodes UTF-8 bytes (a lone surrogate becomes U+FFFD: a URL cannot carry one). */
const encodeSegment = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
const seg = (v: unknown) => (v instanceof RawPath ? v.text : encodeSegment(typeof v === 'string' ? v : jsonText(v)));

/** The arbitrary of an HTTP request of this shape: valid, or with one hostile change. */
export function httpArbitrary(shape: HttpShape, { validWeight = 1 } = {}): fc.Arbitrary<Drawn> {
  const parts: Record<string, Part> = {
    path: { node: shape.path, place: 'path', shapeFixed: true },
    auth: { node: shape.auth, place: 'header' },
  };
  if (shape.query) parts.query = { node: shape.query, place: 'query' };
  if (shape.headers) parts.headers = { node: shape.headers, place: 'header' };
  if (shape.body) parts.body = { node: shape.body, place: 'json' };
  const extra = shape.body && (shape.bodyKind ?? 'json') === 'json' ? rawBodies(parts) : [];
  return requestArbitrary(parts, { validWeight, extra });
}

function rawBodies(parts: Record<string, Part>): fc.Arbitrary<Drawn>[] {
  const names = Object.keys(parts);
  const valid = requestArbitrary(parts, { validWeight: 1, extra: [] }).filter((d) => d.mutation === null);
  const raw = (label: string, make: fc.Arbitrary<(validBody: string) => RawBody>) =>
    fc.tuple(valid, make).map(([d, f]): Drawn => ({
      values: { ...d.values, body: f(jsonText(d.values.body)) },
      mutation: label,
      where: 'body',
    }));
  void names;
  const text = (s: string) => () => new RawBody(Buffer.from(s, 'utf8'));
  return [
    raw(
      'body:invalid-json',
      fc
        .constantFrom(
          '{',
          '{"a":',
          '{a:1}',
          "{'a':1}",
          'NaN',
          '[1,]',
          '{"a":1}}',
          '\u0000',
          'undefined',
          '{"a":"\\x41"}',
          '{"a":1,}',
        )
        .map(text),
    ),
    raw('body:empty-or-scalar', fc.constantFrom('', ' ', 'null', '[]', '"x"', '1', 'true', '{}').map(text)),
    raw(
      'body:too-large',
      fc
        .constantFrom(65 * 1024, 200 * 1024, 1_100_000)
        .map((n) => () => new RawBody(Buffer.from(`{"pad":"${'x'.repeat(n)}"}`))),
    ),
    raw(
      'body:deep-nesting',
      fc.constantFrom(1_000, 30_000).map((n) => () => new RawBody(Buffer.from('['.repeat(n) + ']'.repeat(n)))),
    ),
    raw(
      'body:duplicate-or-proto-keys',
      fc
        .constantFrom(
          '{"zz":1,"zz":2,',
          '{"__proto__":{"polluted":true},',
          '{"constructor":{"prototype":{"polluted":true}},',
        )
        .map((prefix) => (b: string) => new RawBody(Buffer.from(b.replace(/^\{/, prefix).replace(/,}$/, '}')))),
    ),
    raw(
      'body:encoding',
      fc.constantFrom('bom', 'utf16', 'invalid-utf8', 'latin1').map((how) => (b: string) => {
        if (how === 'bom') return new RawBody(Buffer.from(`\ufeff${b}`));
        if (how === 'utf16') return new RawBody(Buffer.from(b, 'utf16le'), 'application/json; charset=utf-16le');
        if (how === 'latin1') return new RawBody(Buffer.from(b.replace(/"([^"]{1,3})"/, '"\u00e9\u00ff"'), 'latin1'));
        return new RawBody(
          Buffer.concat([Buffer.from(b.slice(0, 1)), Buffer.from('"\xff\xfe":1,', 'latin1'), Buffer.from(b.slice(1))]),
        );
      }),
    ),
  ];
}

/** What rendering needs of a shape (the rest is in the drawn values). */
export type WireShape = { method: string; hasBody: boolean; bodyKind?: HttpShape['bodyKind'] };

/** The wire request for a drawn HTTP request. */
export function renderHttp(ctx: Ctx, endpoint: string, shape: WireShape, d: Drawn): Call {
  const v = d.values;
  const path = `/${(Array.isArray(v.path) ? v.path : [v.path]).map(seg).join('/')}`;
  const query = new URLSearchParams();
  for (const [k, x] of Object.entries((v.query as Record<string, unknown>) ?? {})) {
    if (x === OMIT || x === undefined) continue;
    for (const one of Array.isArray(x) ? x : [x]) query.append(k, typeof one === 'string' ? one : jsonText(one));
  }
  const qs = query.toString();
  const headers: Record<string, string> = {};
  for (const [k, x] of Object.entries((v.headers as Record<string, unknown>) ?? {})) {
    if (x === OMIT || x === undefined) continue;
    headers[k] = typeof x === 'string' ? x : jsonText(x);
  }
  let body: Buffer | undefined;
  if (shape.hasBody) {
    const kind = shape.bodyKind ?? 'json';
    if (v.body instanceof RawBody) {
      body = v.body.bytes;
      if (v.body.contentType) headers['content-type'] = v.body.contentType;
    } else if (kind === 'bytes')
      body = Buffer.isBuffer(v.body) ? v.body : Buffer.from(typeof v.body === 'string' ? v.body : jsonText(v.body));
    else if (kind === 'form')
      body = Buffer.from(
        new URLSearchParams(
          Object.entries((v.body as Record<string, unknown>) ?? {}).map(([k, x]) => [
            k,
            typeof x === 'string' ? x : jsonText(x),
          ]),
        ).toString(),
      );
    else body = Buffer.from(jsonText(v.body), 'utf8');
  }
  Object.assign(headers, credentialHeaders(v.auth as never, ctx, body));
  return {
    endpoint,
    method: shape.method,
    path: qs ? `${path}?${qs}` : path,
    headers,
    body,
    mutation: d.mutation,
    where: d.where,
    change: describeChange(d),
    sub: subOf(v.auth),
    forgedIp: headers['x-forwarded-for'],
  };
}

/** The wire request for a drawn server action call. */
export async function renderAction(
  ctx: Ctx,
  endpoint: string,
  key: string,
  d: Drawn,
  transform?: (args: unknown[]) => unknown[],
): Promise<Call> {
  const page = ctx.actionPage(key);
  const v = d.values;
  let args = (Array.isArray(v.args) ? v.args : [v.args]).map(asActionValue);
  if (transform) args = transform(args);
  const headers: Record<string, string> = {
    accept: 'text/x-component',
    origin: ctx.baseUrl,
    'next-action': page?.id ?? 'missing-from-build',
  };
  for (const [k, x] of Object.entries((v.headers as Record<string, unknown>) ?? {})) {
    if (x === REMOVE_HEADER) delete headers[k];
    else if (typeof x === 'string') headers[k] = x;
  }
  Object.assign(headers, credentialHeaders(v.auth as never, ctx, undefined));
  let body: Buffer;
  if (v.protocol instanceof RawBody) {
    body = v.protocol.bytes;
    headers['content-type'] = v.protocol.contentType ?? 'text/plain;charset=UTF-8';
  } else {
    const encoded = await encodeArgs(args);
    body = encoded.body;
    headers['content-type'] = encoded.contentType;
  }
  return {
    endpoint,
    method: 'POST',
    path: page?.path ?? '/',
    headers,
    body,
    mutation: d.mutation,
    where: d.where,
    change: describeChange(d),
    action: { key, args },
  };
}

/** `where = value` of the one hostile change, short enough to print. */
function describeChange(d: Drawn): string | undefined {
  if (!d.where) return undefined;
  let v: unknown = d.values;
  for (const k of d.where.split('.')) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[k];
  if (v instanceof RawBody) v = v.bytes.toString('utf8');
  else if (v instanceof RawJson || v instanceof RawPath) v = `raw ${v.text}`;
  return `${d.where} = ${inspect(v, { depth: 3, maxStringLength: 120, maxArrayLength: 5, breakLength: Infinity })}`;
}

/** What a JSON-only attack means as a JavaScript argument: `1e999` is Infinity, `-0` is -0. */
function asActionValue(v: unknown): unknown {
  if (v instanceof RawJson) {
    const n = Number(v.text);
    return Number.isNaN(n) ? v.text : n;
  }
  if (v instanceof RawPath) return v.text;
  if (Array.isArray(v)) return v.map(asActionValue);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asActionValue(x)]));
  return v;
}

/** Activities of the lane in one of `statuses`, or all of them when none is. */
export function activitiesIn(t: Tenant, ...statuses: string[]): ActivityView[] {
  const picked = t.view.activities.filter((a) => statuses.includes(a.status));
  return picked.length ? picked : t.view.activities;
}
