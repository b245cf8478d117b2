// Typed fields of the fuzz model: each knows its valid values and which hostile ones attack it.
import fc from 'fast-check';
import {
  OMIT,
  hostileDate,
  hostileEmail,
  hostileEnum,
  hostileHeaderText,
  hostileId,
  hostileInt,
  hostileKey,
  hostileNumber,
  hostileText,
  hostileTimeZone,
  hostileUrl,
  type Mutant,
} from './hostile';
import { leaf, type Leaf } from './template';

const arbOf = <T>(v: T | fc.Arbitrary<T>): fc.Arbitrary<T> => (v instanceof fc.Arbitrary ? v : fc.constant(v));

export const text = (
  valid: string | fc.Arbitrary<string>,
  o: { multiline?: boolean; max?: number; optional?: boolean } = {},
): Leaf =>
  leaf(arbOf(valid), () => hostileText(typeof valid === 'string' ? valid : 'fuzz', o), { optional: o.optional });

export const int = (
  valid: number | fc.Arbitrary<number>,
  o: { min?: number; max?: number; optional?: boolean } = {},
): Leaf => leaf(arbOf(valid), () => hostileInt(o), { optional: o.optional });

export const decimal = (
  valid: number | fc.Arbitrary<number>,
  o: { min?: number; max?: number; optional?: boolean } = {},
): Leaf => leaf(arbOf(valid), () => hostileNumber(o), { optional: o.optional });

export const date = (valid: string | fc.Arbitrary<string>, o: { optional?: boolean } = {}): Leaf =>
  leaf(arbOf(valid), () => hostileDate(), o);

/** An id of one of `ids` (canonical), attacked with other spellings and other tenants' ids. */
export function id(ids: string[], others: string[] = [], o: { optional?: boolean } = {}): Leaf {
  const pool = ids.length ? ids : ['00000000-0000-4000-8000-000000000000'];
  return leaf(
    fc.constantFrom(...pool),
    (place) => fc.constantFrom(...pool).chain((v) => hostileId(v, { others, place })),
    o,
  );
}

export const choice = (values: readonly string[], o: { optional?: boolean; valid?: readonly string[] } = {}): Leaf =>
  leaf(fc.constantFrom(...(o.valid ?? values)), () => hostileEnum(values), { optional: o.optional });

export const flag = (o: { optional?: boolean } = {}): Leaf =>
  leaf(
    fc.boolean(),
    () => fc.constantFrom('true', 1, 0, 'yes', null).map((value) => ({ label: 'boolean:not-a-boolean', value })),
    o,
  );

export const key = (valid: fc.Arbitrary<string>, o: { max?: number; optional?: boolean } = {}): Leaf =>
  leaf(valid, () => hostileKey('k', o), { optional: o.optional });

export const timeZone = (nodeOnly: string[]): Leaf =>
  leaf(fc.constantFrom('Asia/Shanghai', 'UTC', 'Europe/Berlin', 'America/New_York'), () => hostileTimeZone(nodeOnly));

export const url = (valid: string, o: { optional?: boolean } = {}): Leaf =>
  leaf(fc.constant(valid), () => hostileUrl(), o);

export const email = (valid: fc.Arbitrary<string>): Leaf => leaf(valid, () => hostileEmail());

/** A header that valid requests leave out, and hostile ones send. */
export const hostileOnlyHeader = (hostile: fc.Arbitrary<Mutant>): Leaf =>
  leaf(fc.constant(OMIT), () => hostile, { typed: false });

/** A header with a valid value and header-shaped attacks. */
export const header = (valid: string | fc.Arbitrary<string>, extra?: fc.Arbitrary<Mutant>): Leaf =>
  leaf(
    arbOf(valid),
    () =>
      extra
        ? fc.oneof(hostileHeaderText(typeof valid === 'string' ? valid : 'x'), extra)
        : hostileHeaderText(typeof valid === 'string' ? valid : 'x'),
    { typed: false },
  );

export const JSON_CONTENT_TYPE = header(
  'application/json',
  fc
    .constantFrom(
      OMIT,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/json, text/plain',
      'application/vnd.fuzz+json',
      'APPLICATION/JSON',
      'application/jsonx',
      'json',
      '*/*',
    )
    .map((value) => ({ label: 'content-type:odd', value })),
);

/** A spoofed client address: the server must not believe it without a trusted proxy. */
export const FORGED_IPS = [
  '6.6.6.6',
  '10.0.0.1, 6.6.6.6',
  '::1',
  '127.0.0.1',
  'not-an-ip',
  `${'1.'.repeat(2_000)}1`,
  '2001:db8::1',
  '6.6.6.6:80',
];
export const forwardedFor = hostileOnlyHeader(
  fc.constantFrom(...FORGED_IPS).map((value) => ({ label: 'x-forwarded-for:forged', value })),
);

export const randomKey = fc.stringMatching(/^[A-Za-z0-9_-]{8,32}$/);
export const isoIn = (fromMs: number, toMs: number) =>
  fc.integer({ min: 0, max: 1_000 }).map((k) => new Date(fromMs + ((toMs - fromMs) * k) / 1_000).toISOString());
