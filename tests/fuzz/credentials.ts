// Credentials of the three kinds of caller, valid and forged. A credential is drawn as a
// description and turned into headers when the request is sent, so a token is always signed
// with the tenant's current secret (an action may have rotated it) and a signed event's
// timestamp is always "now" unless the attack is a stale one.
import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { OMIT, type Mutant } from './hostile';
import { leaf, type Leaf } from './template';
import { signJwt, type Tenant } from './world';

export type Credential =
  | { t: 'none' }
  | { t: 'raw'; header: string; value: string }
  | {
      t: 'user';
      sub?: unknown;
      claims?: Record<string, unknown>;
      omit?: string[];
      header?: Record<string, unknown>;
      secret?: 'own' | 'other' | 'random';
      tid?: 'own' | 'other' | 'upper' | 'unknown';
      ttlSeconds?: number;
      scheme?: string;
      unsigned?: true;
    }
  | { t: 'apiKey'; which: 'own' | 'revoked' | 'other' | 'upper' | 'random' | 'user-token'; scheme?: string }
  | { t: 'session'; who: 'owner' | 'operator' | 'analyst' | 'other-owner' | 'forged' | 'tampered' }
  | {
      t: 'signed';
      tenant?: 'own' | 'upper' | 'unknown';
      secret?: 'own' | 'other' | 'random';
      tsOffset?: number;
      ts?: string;
      sig?: 'ok' | 'wrong' | 'other-body' | 'sha1' | 'upper' | 'bare' | 'none';
    };

/**
 * The lane's tenant, the bystander (whose ids other tenants' requests name: its state must never
 * move) and the intruder (whose valid credentials are tried on the lane's tenant).
 */
export type CredentialScope = { t: Tenant; bystander: Tenant; intruder: Tenant };

const m = (label: string, ...values: Credential[]): fc.Arbitrary<Mutant> =>
  fc.constantFrom(...values).map((value) => ({ label, value }));

/** An end user's bearer token: valid for one of `users`, or forged in one of many ways. */
export function userCredential(users: string[]): Leaf {
  const u = users[0] ?? 'u1';
  return leaf(
    fc.constantFrom(...users).map((sub): Credential => ({ t: 'user', sub })),
    () =>
      fc.oneof(
        m(
          'token:missing',
          { t: 'none' },
          { t: 'raw', header: 'authorization', value: '' },
          { t: 'raw', header: 'authorization', value: 'Bearer' },
        ),
        m(
          'token:scheme',
          { t: 'user', sub: u, scheme: '' },
          { t: 'user', sub: u, scheme: 'Basic ' },
          { t: 'user', sub: u, scheme: 'Bearer  ' },
          { t: 'user', sub: u, scheme: 'bearer ' },
        ),
        m(
          'token:garbage',
          { t: 'raw', header: 'authorization', value: 'Bearer a.b.c' },
          { t: 'raw', header: 'authorization', value: 'Bearer ...' },
          { t: 'raw', header: 'authorization', value: `Bearer ${'a'.repeat(9_000)}` },
          { t: 'raw', header: 'authorization', value: 'Bearer e30.e30.' },
        ),
        m(
          'token:alg',
          { t: 'user', sub: u, header: { alg: 'none' }, unsigned: true },
          { t: 'user', sub: u, header: { alg: 'HS512' } },
          { t: 'user', sub: u, header: { alg: 'RS256' } },
          { t: 'user', sub: u, header: { crit: ['exp'] } },
          { t: 'user', sub: u, header: { b64: false } },
        ),
        m('token:wrong-key', { t: 'user', sub: u, secret: 'random' }, { t: 'user', sub: u, secret: 'other' }),
        m('token:unknown-tenant', { t: 'user', sub: u, tid: 'unknown', secret: 'random' }),
        m('token:tenant-spelling', { t: 'user', sub: u, tid: 'upper' }),
        m('token:other-tenant', { t: 'user', sub: u, tid: 'other', secret: 'other' }),
        m(
          'token:expiry',
          { t: 'user', sub: u, ttlSeconds: -10 },
          { t: 'user', sub: u, claims: { exp: '9999999999' } },
          { t: 'user', sub: u, claims: { exp: 1e308 } },
          { t: 'user', sub: u, omit: ['exp'] },
          { t: 'user', sub: u, claims: { nbf: 9_999_999_999 } },
          { t: 'user', sub: u, claims: { iat: 'now' } },
        ),
        m(
          'token:sub-missing-or-typed',
          { t: 'user', omit: ['sub'] },
          { t: 'user', sub: '' },
          { t: 'user', sub: 42 },
          { t: 'user', sub: { id: u } },
          { t: 'user', sub: [u] },
          { t: 'user', sub: null },
        ),
        m('token:sub-nul', { t: 'user', sub: `${u}\u0000` }, { t: 'user', sub: '\u0000' }),
        m(
          'token:sub-control',
          { t: 'user', sub: `${u}\u0001` },
          { t: 'user', sub: `${u}\n` },
          { t: 'user', sub: `${u}\u007f` },
          { t: 'user', sub: `${u}\u001b[2J` },
        ),
        m('token:sub-surrogate', { t: 'user', sub: `${u}\ud800` }, { t: 'user', sub: '\udfff' }),
        m(
          'token:sub-length',
          { t: 'user', sub: 'x'.repeat(128) },
          { t: 'user', sub: 'x'.repeat(129) },
          { t: 'user', sub: 'x'.repeat(5_000) },
        ),
        m('token:sub-blank', { t: 'user', sub: ' ' }, { t: 'user', sub: `${u} ` }, { t: 'user', sub: '\u200b' }),
        m(
          'token:sub-separators',
          { t: 'user', sub: 'ik' },
          { t: 'user', sub: 'ik:a' },
          { t: 'user', sub: `${u}:x` },
          { t: 'user', sub: '{x}' },
          { t: 'user', sub: '*' },
          { t: 'user', sub: `${u}:idem` },
        ),
        m(
          'token:dev-unclean',
          { t: 'user', sub: u, claims: { dev: 'd\u0000' } },
          { t: 'user', sub: u, claims: { dev: 'd\u0001' } },
          { t: 'user', sub: u, claims: { dev: '\ud800' } },
        ),
        m(
          'token:dev-odd',
          { t: 'user', sub: u, claims: { dev: 'x'.repeat(200) } },
          { t: 'user', sub: u, claims: { dev: 7 } },
          { t: 'user', sub: u, claims: { dev: '' } },
        ),
        m(
          'token:acct-hostile',
          { t: 'user', sub: u, claims: { acct: -1 } },
          { t: 'user', sub: u, claims: { acct: 1e308 } },
          { t: 'user', sub: u, claims: { acct: 'x' } },
          { t: 'user', sub: u, claims: { acct: 99_999_999_999 } },
          { t: 'user', sub: u, claims: { acct: 0.5 } },
        ),
        m(
          'token:tid-hostile',
          { t: 'user', sub: u, claims: { tid: 'a\u0000' } },
          { t: 'user', sub: u, claims: { tid: 7 } },
          { t: 'user', sub: u, claims: { tid: 'x'.repeat(300) } },
          { t: 'user', sub: u, claims: { tid: '' } },
        ),
      ),
    { typed: false },
  );
}

/** A management API key: the lane's own, or one that must not open this tenant. */
export function apiKeyCredential(): Leaf {
  return leaf(
    fc.constant<Credential>({ t: 'apiKey', which: 'own' }),
    () =>
      fc.oneof(
        m('apikey:missing', { t: 'none' }, { t: 'raw', header: 'authorization', value: 'Bearer ' }),
        m('apikey:revoked', { t: 'apiKey', which: 'revoked' }),
        m('apikey:other-tenant', { t: 'apiKey', which: 'other' }),
        m(
          'apikey:spelling',
          { t: 'apiKey', which: 'upper' },
          { t: 'apiKey', which: 'own', scheme: 'Basic ' },
          { t: 'apiKey', which: 'own', scheme: '' },
          { t: 'apiKey', which: 'own', scheme: 'bearer ' },
        ),
        m(
          'apikey:forged',
          { t: 'apiKey', which: 'random' },
          { t: 'apiKey', which: 'user-token' },
          { t: 'raw', header: 'authorization', value: `Bearer lk_${'a'.repeat(5_000)}` },
        ),
      ),
    { typed: false },
  );
}

/** A signed-in console session of `who`, or one that must not pass the console guard. */
export function sessionCredential(
  who: 'owner' | 'operator' | 'analyst',
  { lowerRoles = [] as ('operator' | 'analyst')[] } = {},
): Leaf {
  return leaf(
    fc.constant<Credential>({ t: 'session', who }),
    () =>
      fc.oneof(
        m('session:missing', { t: 'none' }),
        m('session:forged', { t: 'session', who: 'forged' }, { t: 'session', who: 'tampered' }),
        m('session:other-tenant', { t: 'session', who: 'other-owner' }),
        ...(lowerRoles.length
          ? [m('session:role-too-low', ...lowerRoles.map((r): Credential => ({ t: 'session', who: r })))]
          : []),
      ),
    { typed: false },
  );
}

/** The host app's signature over a behaviour event. */
export function signedCredential(): Leaf {
  return leaf(
    fc.constant<Credential>({ t: 'signed' }),
    () =>
      fc.oneof(
        m('signature:missing', { t: 'signed', sig: 'none' }, { t: 'none' }),
        m(
          'signature:wrong',
          { t: 'signed', sig: 'wrong' },
          { t: 'signed', sig: 'other-body' },
          { t: 'signed', secret: 'random' },
          { t: 'signed', secret: 'other' },
        ),
        m(
          'signature:format',
          { t: 'signed', sig: 'sha1' },
          { t: 'signed', sig: 'bare' },
          { t: 'signed', sig: 'upper' },
        ),
        m(
          'signature:stale',
          { t: 'signed', tsOffset: -301 },
          { t: 'signed', tsOffset: 301 },
          { t: 'signed', tsOffset: -1e9 },
        ),
        m(
          'signature:timestamp-format',
          { t: 'signed', ts: '' },
          { t: 'signed', ts: 'now' },
          { t: 'signed', ts: '1e9' },
          { t: 'signed', ts: '-1' },
          { t: 'signed', ts: `${'9'.repeat(400)}` },
          { t: 'signed', ts: ' 1' },
          { t: 'signed', ts: '0x10' },
        ),
        m('signature:tenant', { t: 'signed', tenant: 'upper' }, { t: 'signed', tenant: 'unknown' }),
      ),
    { typed: false },
  );
}

export const NO_CREDENTIAL: Leaf = leaf(
  fc.constant<Credential>({ t: 'none' }),
  () => fc.constant({ label: 'fixed', value: { t: 'none' } }),
  { fixed: true },
);

const randomSecret = () => randomBytes(32).toString('base64url');

/** Headers for a credential; `body` is the raw body a signature covers. */
export function credentialHeaders(
  c: Credential | typeof OMIT,
  scope: CredentialScope,
  body: Buffer | undefined,
): Record<string, string> {
  if (c === OMIT || !c || typeof c !== 'object' || !('t' in c)) return {};
  const { t, intruder } = scope;
  switch (c.t) {
    case 'none':
      return {};
    case 'raw':
      return { [c.header]: c.value };
    case 'user': {
      const secret =
        c.secret === 'other' ? intruder.userTokenSecret : c.secret === 'random' ? randomSecret() : t.userTokenSecret;
      const tid =
        c.tid === 'other'
          ? intruder.slug
          : c.tid === 'upper'
            ? t.slug.toUpperCase()
            : c.tid === 'unknown'
              ? `no-such-${randomBytes(3).toString('hex')}`
              : t.slug;
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        tid,
        iat: now,
        exp: now + (c.ttlSeconds ?? 3_600),
        ...(c.sub !== undefined ? { sub: c.sub } : {}),
        ...c.claims,
      };
      for (const k of c.omit ?? []) delete payload[k];
      let token = signJwt({ alg: 'HS256', typ: 'JWT', ...c.header }, payload, secret);
      if (c.unsigned) token = `${token.split('.').slice(0, 2).join('.')}.`;
      return { authorization: `${c.scheme ?? 'Bearer '}${token}` };
    }
    case 'apiKey': {
      const key = {
        own: t.apiKey,
        revoked: t.revokedApiKey,
        other: intruder.apiKey,
        upper: t.apiKey.toUpperCase(),
        random: `lk_${randomBytes(24).toString('base64url')}`,
        'user-token': signJwt({ alg: 'HS256' }, { tid: t.slug, sub: 'u1', exp: 9_999_999_999 }, t.userTokenSecret),
      }[c.which];
      return { authorization: `${c.scheme ?? 'Bearer '}${key}` };
    }
    case 'session': {
      const real = t.sessions.owner;
      const cookie = {
        owner: t.sessions.owner,
        operator: t.sessions.operator,
        analyst: t.sessions.analyst,
        'other-owner': intruder.sessions.owner,
        forged: `next-auth.session-token=${randomBytes(120).toString('base64url')}`,
        tampered: real.slice(0, -6) + (real.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'),
      }[c.who];
      return { cookie };
    }
    case 'signed': {
      const tenant = c.tenant === 'upper' ? t.slug.toUpperCase() : c.tenant === 'unknown' ? 'no-such-tenant' : t.slug;
      const secret =
        c.secret === 'other' ? intruder.webhookSecret : c.secret === 'random' ? randomSecret() : t.webhookSecret;
      const ts = c.ts ?? String(Math.floor(Date.now() / 1000) + (c.tsOffset ?? 0));
      const raw = body ?? Buffer.alloc(0);
      const signed = c.sig === 'other-body' ? Buffer.concat([raw, Buffer.from(' ')]) : raw;
      const hex = createHmac(c.sig === 'sha1' ? 'sha1' : 'sha256', secret)
        .update(`${ts}.`)
        .update(signed)
        .digest('hex');
      const signature = {
        ok: `sha256=${hex}`,
        'other-body': `sha256=${hex}`,
        wrong: `sha256=${'0'.repeat(64)}`,
        sha1: `sha1=${hex}`,
        upper: `sha256=${hex.toUpperCase()}`,
        bare: hex,
        none: undefined,
      }[c.sig ?? 'ok'];
      return {
        'x-tenant': tenant,
        'x-timestamp': ts,
        ...(signature !== undefined ? { 'x-signature': signature } : {}),
      };
    }
  }
}

/** The end user a credential acts for, when it names one. */
export const subOf = (c: unknown): string | undefined =>
  c && typeof c === 'object' && (c as Credential).t === 'user' && typeof (c as { sub?: unknown }).sub === 'string'
    ? (c as { sub: string }).sub
    : undefined;
