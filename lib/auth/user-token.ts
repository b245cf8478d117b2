// End-user tokens (API.md): HS256 JWTs signed with the tenant's user-token secret.
// Only HS256 is accepted (no `none`, no key confusion); `exp`, `sub` and `tid` are required;
// the tenant named by `tid` supplies the key, so a token of one tenant never opens another.
import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
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
  const token = match[1]!;
  let tid: unknown;
  try {
    tid = decodeJwt(token).tid;
  } catch {
    throw unauthorized('malformed');
  }
  if (typeof tid !== 'string' || !tid) throw unauthorized('missing tid');
  const tenant = await findTenantSecretsBySlug(tid);
  if (!tenant) throw unauthorized('unknown tenant');
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(tenant.userTokenSecret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub', 'tid'],
    });
    if (payload.tid !== tenant.slug) throw unauthorized('tenant mismatch');
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 128) throw unauthorized('bad sub');
    const user: EndUser = { tenantId: tenant.id, tenantSlug: tenant.slug, userId: payload.sub };
    if (typeof payload.dev === 'string' && payload.dev) user.deviceId = payload.dev.slice(0, 128);
    if (typeof payload.acct === 'number') user.accountCreatedAt = payload.acct;
    return user;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof joseErrors.JWTExpired) throw unauthorized('expired');
    if (err instanceof joseErrors.JOSEError) throw unauthorized(err.code);
    throw err;
  }
}
