// End-user tokens (API.md): HS256 JWTs signed with the tenant's user-token secret.
// Only HS256 is accepted (no `none`, no key confusion); `exp`, `sub` and `tid` are required;
// the tenant named by `tid` supplies the key, so a token of one tenant never opens another.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';
import { AppError } from '../errors';
import { findTenantSecretsBySlug } from '../tenancy/find-tenant-secrets';

export type EndUser = { tenantId: string; tenantSlug: string; userId: string; deviceId?: string; accountCreatedAt?: number };

const unauthorized = (why: string) => new AppError('UNAUTHORIZED', `invalid user token: ${why}`);

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

export async function authenticateUserToken(authorization: string | null): Promise<EndUser> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw unauthorized('missing bearer token');
  const jws = decodeCompact(match[1]!);
  if (!jws) throw unauthorized('malformed');
  const { header, payload } = jws;
  const tid = payload.tid;
  if (typeof tid !== 'string' || !tid) throw unauthorized('missing tid');
  const tenant = await findTenantSecretsBySlug(tid);
  if (!tenant) throw unauthorized('unknown tenant');
  // Only HS256, and no extension this verifier would not understand.
  if (header.alg !== 'HS256' || header.crit !== undefined || header.b64 !== undefined) throw unauthorized('ERR_JOSE_ALG_NOT_ALLOWED');
  if (!signatureMatches(jws, tenant.userTokenSecret)) throw unauthorized('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) throw unauthorized('missing exp');
  if (payload.exp <= now) throw unauthorized('expired');
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > now)) throw unauthorized('not yet valid');
  if (payload.iat !== undefined && typeof payload.iat !== 'number') throw unauthorized('bad iat');
  if (payload.tid !== tenant.slug) throw unauthorized('tenant mismatch');
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 128) throw unauthorized('bad sub');
  const user: EndUser = { tenantId: tenant.id, tenantSlug: tenant.slug, userId: payload.sub };
  if (typeof payload.dev === 'string' && payload.dev) user.deviceId = payload.dev.slice(0, 128);
  if (typeof payload.acct === 'number') user.accountCreatedAt = payload.acct;
  return user;
}

// Verification is done here with node:crypto rather than jose's WebCrypto: every end-user
// request verifies a token, and WebCrypto's asynchronous key import and HMAC job cost about a
// seventh of the web process's CPU under a crowd of draws (bench/profile-http.ts); a
// synchronous HMAC-SHA256 costs a few microseconds. Minting stays with jose.
type Compact = { header: Record<string, unknown>; payload: Record<string, unknown>; signingInput: string; signature: string };
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
