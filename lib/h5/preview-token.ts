// A short-lived token that lets whoever holds it see an activity's play page as its current
// draft stands (GET /play/{id}/preview?token=...): minted by the console for an operator of the
// activity's tenant, for the preview beside the editor and the "preview on my phone" QR code.
// It names the tenant, the activity and its expiry, signed with HMAC-SHA256 under a key derived
// from AUTH_SECRET for this purpose only; it grants reading the draft's page, nothing else.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { config } from '../config';
import { canonicalId } from '../ids';

/** The console's own preview: reloaded with every save, so a few minutes are plenty. */
export const PREVIEW_TOKEN_SECONDS = 15 * 60;
/** A phone's preview, opened from a QR code. */
export const PHONE_PREVIEW_TOKEN_SECONDS = 30 * 60;

const key = () => createHmac('sha256', config().AUTH_SECRET).update('lottery:play-preview:v1').digest();
const sign = (payload: string) => createHmac('sha256', key()).update(payload).digest('base64url');

export function mintPreviewToken(
  { tenantId, activityId }: { tenantId: string; activityId: string },
  ttlSeconds = PREVIEW_TOKEN_SECONDS,
  nowMs = Date.now(),
): string {
  const payload = `${tenantId}.${activityId}.${Math.floor(nowMs / 1000) + ttlSeconds}`;
  return `${Buffer.from(payload).toString('base64url')}.${sign(payload)}`;
}

/** The tenant a valid, unexpired token for this activity names; null for anything else. */
export function checkPreviewToken(token: string | null, activityId: string, nowMs = Date.now()): string | null {
  if (!token || token.length > 400) return null;
  const [encoded, signature, extra] = token.split('.');
  if (!encoded || !signature || extra !== undefined) return null;
  const payload = Buffer.from(encoded, 'base64url').toString();
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [tenantId, forActivity, exp] = payload.split('.');
  if (!tenantId || canonicalId(forActivity) !== canonicalId(activityId) || !canonicalId(activityId)) return null;
  if (!/^\d+$/.test(exp ?? '') || Number(exp) * 1000 <= nowMs) return null;
  return tenantId;
}
