// The host app signs each delivery: X-Tenant, X-Timestamp (unix seconds) and
// X-Signature = "sha256=" + hex HMAC-SHA256 of "<timestamp>.<raw body>" with the tenant's
// webhook secret. Compared in constant time; a timestamp more than 300 s away is refused so a
// captured delivery cannot be replayed later.
import { timingSafeEqual } from 'node:crypto';
import { signBody } from '../auth/hmac-signature';
import { AppError } from '../errors';
import { findTenantSecretsBySlug } from '../auth/find-tenant-secrets';
import { isExternalId } from '../validation/text';

export const SIGNATURE_WINDOW_SECONDS = 300;

const unauthorized = (why: string) => new AppError('UNAUTHORIZED', `invalid event signature: ${why}`);

export const signEventBody = signBody;

/** The tenant whose secret signed this body; 401 otherwise. */
export async function verifyEventSignature(
  headers: { tenant: string | null; timestamp: string | null; signature: string | null },
  rawBody: string,
  nowMs = Date.now(),
): Promise<{ tenantId: string; tenantSlug: string }> {
  const { tenant: slug, timestamp, signature } = headers;
  if (!slug || !timestamp || !signature) throw unauthorized('X-Tenant, X-Timestamp and X-Signature are required');
  if (!/^\d{1,12}$/.test(timestamp)) throw unauthorized('X-Timestamp must be unix seconds');
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS)
    throw unauthorized(`timestamp outside ±${SIGNATURE_WINDOW_SECONDS} s`);
  const tenant = isExternalId(slug, 64) ? await findTenantSecretsBySlug(slug) : null;
  // An unknown tenant costs the same HMAC as a known one, and gets the same answer as a wrong signature.
  const expected = Buffer.from(signEventBody(tenant?.webhookSecret ?? 'no-such-tenant', timestamp, rawBody));
  const given = Buffer.from(signature.trim());
  const same = given.length === expected.length && timingSafeEqual(given, expected);
  if (!tenant || !same) throw unauthorized('signature does not match');
  return { tenantId: tenant.id, tenantSlug: tenant.slug };
}
