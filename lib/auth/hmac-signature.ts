// The signature of a signed HTTP body, one scheme both ways: the host app's events to us and our
// webhooks to the host app. "sha256=" + hex HMAC-SHA256 of "<timestamp>.<raw body>" with the secret.
import { createHmac } from 'node:crypto';

export function signBody(secret: string, timestamp: string | number, rawBody: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}
