// Hostile values, as fast-check arbitraries. Each produces a Mutant: the value and a label that
// names the kind of attack ("text:nul", "id:upper"), which is how violations are grouped in the
// report. Where a value goes decides what can be sent at all: a JSON body carries any JSON, a
// server action's arguments also Map, Set, Date, BigInt, undefined and NaN (React encodes them),
// while paths, query strings and headers carry only text.
import fc from 'fast-check';

export type Mutant = { label: string; value: unknown };
export type Place = 'json' | 'action' | 'path' | 'query' | 'header';

/** Text put into a JSON body exactly as written (numbers JSON.stringify cannot make, bad syntax). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A path segment sent exactly as written, not percent-encoded ("..", "%2F", "%00"). */
export class RawPath {
  constructor(readonly text: string) {}
}

/** A field left out of its object (a missing required field). */
export const OMIT = Symbol('omit');

const mutant = (label: string, arb: fc.Arbitrary<unknown>): fc.Arbitrary<Mutant> =>
  arb.map((value) => ({ label, value }));
const one = (label: string, ...values: unknown[]): fc.Arbitrary<Mutant> => mutant(label, fc.constantFrom(...values));

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter(
  (c) => c !== '\t' && c !== '\n' && c !== '\r',
);

/** Text where text goes: controls, NUL, lone surrogates, separators, sizes, injections. */
export function hostileText(
  base: string,
  { multiline = false, max = 200 }: { multiline?: boolean; max?: number } = {},
): fc.Arbitrary<Mutant> {
  const arbs = [
    one('text:nul', `${base}\u0000`, '\u0000', `${base.slice(0, 1)}\u0000${base.slice(1)}`),
    mutant(
      'text:c0-control',
      fc.constantFrom(...C0, '\u007f').map((c) => `${base}${c}${base}`),
    ),
    one('text:lone-surrogate', '\ud800', '\udfff', `${base}\ud83d`, `\udc00${base}`, `${base}\ud800\ud800`),
    one('text:blank', '', ' ', '   ', '\u00a0', '\u200b', '\ufeff', '\u3000'),
    one('text:bidi-and-zero-width', `\u202e${base}`, `${base}\u200d\u200d`, `\u2066${base}\u2069`),
    one(
      'text:separators',
      ':',
      '{',
      '}',
      '/',
      '\\',
      '*',
      '..',
      '%00',
      `${base}:${base}`,
      `{${base}}`,
      `${base}/../${base}`,
      '{act:x}:u:*',
    ),
    one(
      'text:injection',
      '\'; DROP TABLE "Draw"; --',
      '<img src=x onerror=alert(1)>',
      '${7*7}',
      '{{7*7}}',
      '%s%n%x',
      '=HYPERLINK("http://x")',
      '+1-1',
      '@SUM(1)',
    ),
    mutant(
      'text:too-long',
      fc.constantFrom(max + 1, max * 2, 10_000, 70_000).map((n) => 'x'.repeat(n)),
    ),
    mutant('text:random-code-points', fc.string({ unit: 'binary', minLength: 1, maxLength: 40 })),
  ];
  if (!multiline)
    arbs.push(one('text:line-break', `${base}\n${base}`, `${base}\r\n`, `${base}\u2028${base}`, `${base}\u0085`));
  return fc.oneof(...arbs);
}

/** Integers where integers go: bounds, floats, huge, negative, numeric strings. */
export function hostileInt({ min = 0, max = 1_000_000 }: { min?: number; max?: number } = {}): fc.Arbitrary<Mutant> {
  return fc.oneof(
    one('int:just-outside', min - 1, max + 1),
    one('int:negative', -1, -2_147_483_648, -2_147_483_649, Number.MIN_SAFE_INTEGER),
    one(
      'int:huge',
      2_147_483_647,
      2_147_483_648,
      4_294_967_296,
      Number.MAX_SAFE_INTEGER,
      2 ** 63,
      1e308,
      Number.MAX_VALUE,
    ),
    one('int:float', 0.5, 1.5, 1.0000001, min + 0.1, 1e-7),
    one('int:negative-zero', new RawJson('-0')),
    one(
      'int:overflowing-literal',
      new RawJson('1e999'),
      new RawJson('-1e999'),
      new RawJson('123456789012345678901234567890'),
    ),
    one('int:as-string', '1', '0x10', '1e3', ' 1', 'NaN', 'Infinity'),
  );
}

/** Decimals where decimals go (odds, values). */
export function hostileNumber({ min = 0, max = 1 }: { min?: number; max?: number } = {}): fc.Arbitrary<Mutant> {
  return fc.oneof(
    one('number:outside', min - 1e-9, max + 1e-9, -1, max * 10, 1e308),
    one('number:too-precise', 0.1234567, 1e-7, 0.3333333333333333),
    one('number:overflowing-literal', new RawJson('1e999'), new RawJson('-0'), new RawJson('1e-400')),
    one('number:as-string', '0.5', '1/2', ''),
  );
}

/** Dates where ISO dates with an offset go. */
export function hostileDate(): fc.Arbitrary<Mutant> {
  return fc.oneof(
    one(
      'date:impossible',
      '2027-02-30T00:00:00Z',
      '2027-02-29T00:00:00Z',
      '2027-13-01T00:00:00Z',
      '2027-04-31T12:00:00+08:00',
      '2027-06-30T23:59:60Z',
      '2027-01-01T24:00:00Z',
    ),
    one(
      'date:out-of-range',
      '0000-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '1900-01-01T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      '-000001-01-01T00:00:00Z',
      '10000-01-01T00:00:00Z',
    ),
    one('date:edge-of-range', '9999-12-31T23:59:59Z', '1970-01-01T00:00:00Z'),
    one(
      'date:odd-offset',
      '2027-01-01T00:00:00+24:00',
      '2027-01-01T00:00:00+14:01',
      '2027-01-01T00:00:00-00:00',
      '2027-01-01T00:00:00+0800',
    ),
    one(
      'date:bad-format',
      '2027-01-01',
      '2027-01-01 00:00:00',
      'tomorrow',
      '1735689600',
      '',
      'T',
      '2027-01-01T00:00:00.123456789Z',
    ),
    one('date:as-number', 1_735_689_600_000, -1, 0),
  );
}

/**
 * The id with every other letter in upper case, starting with the first. Alternating by letter,
 * not by position, so it differs from both the lower- and the upper-case spelling whenever the id
 * has two letters: a UUID whose letters all sit at even positions would otherwise come back
 * unchanged.
 */
export function mixedCase(id: string): string {
  let letters = 0;
  return id.replace(/[a-z]/gi, (c) => (letters++ % 2 ? c.toLowerCase() : c.toUpperCase()));
}

/** A canonical (lower-case) UUID of the tenant's own row, spelled otherwise or swapped for another. */
export function hostileId(
  id: string,
  { others = [], place = 'json' }: { others?: string[]; place?: Place } = {},
): fc.Arbitrary<Mutant> {
  const upper = id.toUpperCase();
  const mixed = mixedCase(id);
  const arbs = [
    one('id:upper-case', upper),
    one('id:mixed-case', mixed),
    one('id:braced-or-urn', `{${id}}`, `urn:uuid:${id}`, id.replace(/-/g, '')),
    one('id:padded', ` ${id}`, `${id} `, `${id}\n`, `${id}\t`, `${id}\u0000`),
    one('id:truncated-or-long', id.slice(0, 35), `${id}0`, `${id}${id}`, 'x'.repeat(5_000)),
    one('id:not-a-uuid', '1', '0', '-1', 'null', 'undefined', 'true', '[]', '{}', "' OR '1'='1", '*'),
    one(
      'id:nil-or-max',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    ),
    mutant('id:unknown-uuid', fc.uuid()),
    one('id:separators', `${id}:x`, `${id}}`, `{act:${id}}`, `${id}/x`, `${id}*`),
  ];
  if (others.length)
    arbs.push(
      mutant('id:other-tenant', fc.constantFrom(...others)),
      mutant('id:other-tenant-upper', fc.constantFrom(...others.map((o) => o.toUpperCase()))),
    );
  if (place === 'path') {
    arbs.push(
      one(
        'path:traversal',
        new RawPath('..'),
        new RawPath('.'),
        new RawPath('%2e%2e'),
        new RawPath(`${id}%2F..`),
        new RawPath('%00'),
        new RawPath(`${id}%00`),
        new RawPath(`${id};x=1`),
      ),
      one(
        'path:bad-percent-encoding',
        new RawPath('%'),
        new RawPath('%zz'),
        new RawPath(`${id}%`),
        new RawPath('%ED%A0%80'),
        new RawPath('%FF%FE'),
        new RawPath('%C0%AF'),
        new RawPath(`${id}%E2%80%AE`),
      ),
    );
  }
  return fc.oneof(...arbs);
}

/** Values of the wrong type, for any field of a JSON body or an action argument. */
export function wrongType(place: Place): fc.Arbitrary<Mutant> {
  const json = [
    one('type:null', null),
    one('type:boolean', true, false),
    one('type:number', 0, 1, -1),
    one('type:string', 'x', ''),
    one('type:array', [], ['x'], [[]], [null]),
    one('type:object', {}, { a: 1 }, { length: 1e9 }, { toString: 'x' }),
    mutant('type:deep-nesting', fc.constantFrom(50, 500, 2_000).map(nested)),
  ];
  if (place !== 'action') return fc.oneof(...json);
  return fc.oneof(
    ...json,
    one('type:undefined', undefined),
    one('type:non-finite', Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0),
    one('type:bigint', 0n, 10n ** 30n, -1n),
    one('type:date', new Date(0), new Date(8.64e15), new Date(Number.NaN)),
    mutant(
      'type:map-or-set',
      fc.constantFrom(0, 1).map((i) => (i ? new Map([['a', 1]]) : new Set(['a']))),
    ),
    mutant(
      'type:blob',
      fc.constant(0).map(() => new Blob(['\u0000x'], { type: 'text/plain' })),
    ),
    one('type:typed-array', new Uint8Array([0, 255]), new Float64Array([Number.NaN])),
  );
}

/** An array nested `depth` levels deep (what a recursive validator or JSON parser may choke on). */
export function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

/** Keys and names that are also separators of Redis keys and idempotency slots. */
export function hostileKey(base: string, { max = 64 }: { max?: number } = {}): fc.Arbitrary<Mutant> {
  return fc.oneof(
    one('key:separator-collision', 'a:k1', 'k1', 'x:k2', 'k2', ':', '::', 'a:', ':a', `${base}:`),
    one('key:hash-tag', '{', '}', '{x}', `{act:${base}}`, '}{'),
    one('key:glob', '*', '?', '[a-z]', `${base}*`),
    one('key:length', '', 'x'.repeat(max), 'x'.repeat(max + 1), 'x'.repeat(1_000)),
    one('key:space-or-control', ' ', `${base} `, `a b`, `a\tb`, `${base}\u0000`, `${base}\u007f`),
    one('key:non-ascii', 'ключ', 'キー', '\u00e9', '\ud83d\ude00', '\ud800'),
  );
}

/** A time zone: ones Node accepts that storage may not, and ones nobody knows. */
export function hostileTimeZone(nodeOnly: string[]): fc.Arbitrary<Mutant> {
  const arbs = [
    one('tz:unknown', 'Mars/Olympus_Mons', 'UTC+8', 'GMT+08:00', '+08:00', 'Asia/Shanghai ', 'asia/shanghai', ''),
    one(
      'tz:odd-but-real',
      'Etc/GMT+12',
      'Etc/GMT-14',
      'EST5EDT',
      'Pacific/Kiritimati',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'UTC',
      'Etc/Unknown',
      'Factory',
    ),
  ];
  if (nodeOnly.length) arbs.push(mutant('tz:node-but-not-postgres', fc.constantFrom(...nodeOnly)));
  return fc.oneof(...arbs);
}

/** URLs where http(s) URLs go. */
export function hostileUrl(): fc.Arbitrary<Mutant> {
  return fc.oneof(
    one(
      'url:scheme',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'vbscript:x',
      'ftp://x.example/a.png',
      'JAVASCRIPT:alert(1)',
      'java\u0000script:alert(1)',
    ),
    one(
      'url:relative-or-odd',
      '//evil.example/a.png',
      '/\\evil.example',
      'http://',
      'http://[::1',
      'x'.repeat(3_000),
      'http://a.example/\u0000.png',
      'http://127.0.0.1:6379/',
    ),
  );
}

/** An email where an email goes. */
export function hostileEmail(): fc.Arbitrary<Mutant> {
  return fc.oneof(
    one('email:malformed', 'a', '@', 'a@', '@b.c', 'a@b', 'a@@b.c', 'a b@c.d'),
    one(
      'email:hostile',
      'a\u0000@b.test',
      'a@b.test\n',
      `${'a'.repeat(300)}@b.test`,
      'A@B.TEST',
      '"a"@b.test',
      'a@b.test, c@d.test',
      'a+b@b.test',
    ),
  );
}

/** A header value node:http can send (no control characters); text that is hostile all the same. */
export function hostileHeaderText(base: string): fc.Arbitrary<Mutant> {
  return fc.oneof(
    one('header:empty-or-blank', '', ' ', '\t'),
    one('header:latin1-bytes', `${base}\u00e9`, '\u00ff\u00fe', `${base}\u0080`),
    one('header:separators', `${base}:x`, `${base},${base}`, `${base};x`, '{', '}', '*'),
    one('header:huge', 'x'.repeat(8_000)),
  );
}

/** A value whose mutation is only "of the wrong kind": the generic fallback for enums and flags. */
export function hostileEnum(values: readonly string[]): fc.Arbitrary<Mutant> {
  const first = values[0] ?? 'x';
  return fc.oneof(
    one('enum:case', first.toUpperCase(), first.toLowerCase(), `${first[0]?.toUpperCase() ?? ''}${first.slice(1)}`),
    one('enum:unknown', 'other', '', `${first} `, `${first}\u0000`, '__proto__', 'constructor', 'toString'),
  );
}
