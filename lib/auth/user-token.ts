// End-user tokens: HS256 JWTs signed with the tenant's user-token secret.
// Only HS256 is accepted (no `none`, no key confusion); `exp`, `sub` and `tid` are required;
// the tenant named by `tid` supplies the key, so a token of one tenant never opens another.
// Its claims are checked like any text from outside before anything uses them: a user or
// device id that PostgreSQL cannot store would otherwise fail the draw's group commit.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';
import { AppError } from '../errors';
import { findTenantSecretsBySlug, keptTenantSecrets } from './find-tenant-secrets';
import { isExternalId } from '../validation/text';

export type EndUser = {
  tenantId: string;
  tenantSlug: string;
  userId: string;
  deviceId?: string;
  accountCreatedAt?: number;
};

const unauthorized = (why: string) => new AppError('UNAUTHORIZED', `invalid user token: ${why}`);

/** Longest `sub` (user id) and `dev` (device id): what the Draw and risk rows keep. */
export const MAX_CLAIM_ID_LENGTH = 128;
const MAX_TID_LENGTH = 64;
/** `acct` (account creation, unix seconds) no later than 9999-12-31. */
const MAX_ACCT_SECONDS = 253_402_300_799;
/**
 * Verifies the tokens of a tenant that does not exist, so that they fail after the same work
 * and with the same answer as a wrong signature: a caller cannot learn which tenants exist.
 */
const NO_TENANT_SECRET = randomBytes(32).toString('base64url');

export async function mintUserToken(
  secret: string,
  claims: { tenantSlug: string; userId: string; deviceId?: string; accountCreatedAt?: number },
  ttlSeconds: number,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { tid: claims.tenantSlug };
  if (claims.deviceId) payload.dev = claims.deviceId;
  if (claims.accountCreatedAt !== undefined) payload.acct = claims.accountCreatedAt;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuedAt(Math.min(now, now + ttlSeconds))
    .setExpirationTime(now + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}

/**
 * Tokens this process has verified, with the secret that verified them: a player's page makes
 * several calls with one token, and a repeat skips the decoding, the HMAC and the claim checks.
 * A hit still asks for the tenant's current secret (find-tenant-secrets' cache), so a rotation
 * ends the old tokens here exactly as it does uncached; expiry is checked on every hit.
 */
const verified = new Map<string, { user: EndUser; exp: number; secret: string }>();
/** At most about 60 MB (tokens longer than MAX_CACHED_TOKEN_LENGTH are verified every time); cleared whole when full. */
const MAX_VERIFIED_TOKENS = 50_000;
const MAX_CACHED_TOKEN_LENGTH = 1_024;

export async function authenticateUserToken(authorization: string | null): Promise<EndUser> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw unauthorized('missing bearer token');
  const token = match[1]!;
  const hit = verified.get(token);
  if (hit) {
    const slug = hit.user.tenantSlug;
    const tenant = keptTenantSecrets(slug) ?? (await findTenantSecretsBySlug(slug));
    if (tenant?.userTokenSecret === hit.secret && hit.exp > Math.floor(Date.now() / 1000)) return { ...hit.user };
    verified.delete(token);
  }
  const { user, exp, secret } = await verifyUserToken(token);
  if (token.length <= MAX_CACHED_TOKEN_LENGTH) {
    if (verified.size >= MAX_VERIFIED_TOKENS) verified.clear();
    verified.set(token, { user, exp, secret });
  }
  return { ...user };
}

async function verifyUserToken(token: string): Promise<{ user: EndUser; exp: number; secret: string }> {
  const jws = decodeCompact(token);
  if (!jws) throw unauthorized('malformed');
  const { header, payload } = jws;
  // Only HS256, and no extension this verifier would not understand.
  if (header.alg !== 'HS256' || header.crit !== undefined || header.b64 !== undefined)
    throw unauthorized('ERR_JOSE_ALG_NOT_ALLOWED');
  const tid = payload.tid;
  const tenant = isExternalId(tid, MAX_TID_LENGTH) ? await findTenantSecretsBySlug(tid) : null;
  const signed = signatureMatches(jws, tenant?.userTokenSecret ?? NO_TENANT_SECRET);
  if (!tenant || !signed) throw unauthorized('signature verification failed');
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) throw unauthorized('missing exp');
  if (payload.exp <= now) throw unauthorized('expired');
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > now))
    throw unauthorized('not yet valid');
  if (payload.iat !== undefined && typeof payload.iat !== 'number') throw unauthorized('bad iat');
  if (payload.tid !== tenant.slug) throw unauthorized('tenant mismatch');
  if (!isExternalId(payload.sub, MAX_CLAIM_ID_LENGTH)) throw unauthorized(claimRule('sub'));
  const user: EndUser = { tenantId: tenant.id, tenantSlug: tenant.slug, userId: payload.sub };
  // A token without a device says nothing (no claim, null or ''); one that says something must say it cleanly.
  const dev = payload.dev;
  if (dev !== undefined && dev !== null && dev !== '') {
    if (!isExternalId(dev, MAX_CLAIM_ID_LENGTH)) throw unauthorized(claimRule('dev'));
    user.deviceId = dev;
  }
  const acct = payload.acct;
  if (acct !== undefined) {
    const seconds = typeof acct === 'number' && Number.isFinite(acct) && acct >= 0 && acct <= MAX_ACCT_SECONDS;
    if (!seconds) throw unauthorized('acct must be unix seconds');
    user.accountCreatedAt = acct;
  }
  return { user, exp: payload.exp, secret: tenant.userTokenSecret };
}

function claimRule(claim: 'sub' | 'dev'): string {
  return (
    `${claim} must be 1 to ${MAX_CLAIM_ID_LENGTH} characters, ` +
    'without control characters, unpaired surrogates or surrounding white space'
  );
}

// Verification is done here with node:crypto rather than jose's WebCrypto: every end-user
// request verifies a token, and WebCrypto's asynchronous key import and HMAC job cost about a
// seventh of the web process's CPU under a crowd of draws (bench/profile-http.ts); a
// synchronous HMAC-SHA256 costs a few microseconds. Minting stays with jose.
type Compact = {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: string;
};
const B64URL = /^[A-Za-z0-9_-]+$/;

/** A compact JWS split and decoded, not verified; null unless it is three base64url parts of JSON objects. */
function decodeCompact(token: string): Compact | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p))) return null;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    if (!isRecord(header) || !isRecord(payload)) return null;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: parts[2]! };
  } catch {
    return null;
  }
}

function signatureMatches(jws: Compact, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(jws.signingInput).digest();
  const given = Buffer.from(jws.signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
