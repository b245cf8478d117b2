// Around next-auth's credentials callback (POST /api/auth/callback/credentials), the one place a
// password is checked: an account or address that failed too often lately gets 429 with
// Retry-After before any hashing; a busy hasher (lib/auth/password.ts) gets 429 too; every
// failure is counted and kept (lib/auth/record-sign-in-failure.ts), a wrong two-factor code too.
// The 429 body also carries the `url` next-auth's client reads its error from, so the sign-in
// form can say why.
import { TWO_FACTOR_INVALID } from '../auth/authorize-sign-in';
import { recordSignInFailure } from '../auth/record-sign-in-failure';
import {
  clearAccountSignInFailures,
  SIGN_IN_BUSY,
  SIGN_IN_THROTTLED,
  signInRetryAfterSeconds,
} from '../auth/sign-in-throttle';
import { config } from '../config';
import { AppError, errorResponse, errorStatus } from '../errors';
import { clientIp } from './client-ip';

const MAX_SIGN_IN_BODY_BYTES = 8 * 1024;
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?=/;

export async function guardCredentialsSignIn(req: Request, signIn: () => Promise<Response>): Promise<Response> {
  if (req.method !== 'POST' || !new URL(req.url).pathname.endsWith('/callback/credentials')) return signIn();
  // Redis down: no sign-in until it is back (503), rather than unthrottled guessing.
  return guarded(req, signIn).catch(errorResponse);
}

async function guarded(req: Request, signIn: () => Promise<Response>): Promise<Response> {
  const email = await readEmail(req);
  const ip = clientIp(req);
  const waitSeconds = await signInRetryAfterSeconds({ email, ip });
  if (waitSeconds > 0) {
    const minutes = Math.ceil(waitSeconds / 60);
    return refused(
      SIGN_IN_THROTTLED,
      waitSeconds,
      `too many failed sign-ins for this account or from this address; ` +
        `try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    );
  }

  const res = await signIn();
  const error = await nextAuthErrorOf(res);
  if (error === SIGN_IN_BUSY)
    return refused(SIGN_IN_BUSY, 1, 'too many sign-ins are being checked right now; try again in a moment');
  if (error === 'CredentialsSignin') await recordSignInFailure({ email, ip });
  else if (error === TWO_FACTOR_INVALID) await recordSignInFailure({ email, ip, reason: 'wrong_code' });
  // Only a session cookie proves a success: a refused CSRF token also answers without an error.
  else if (res.headers.getSetCookie().some((c) => SESSION_COOKIE.test(c))) await clearAccountSignInFailures(email);
  return res;
}

async function readEmail(req: Request): Promise<string> {
  const text = await readCopyOfBody(req);
  const type = req.headers.get('content-type') ?? '';
  let value: unknown;
  if (type.includes('application/json')) {
    try {
      value = (JSON.parse(text) as { email?: unknown } | null)?.email;
    } catch {
      value = undefined;
    }
  } else value = new URLSearchParams(text).get('email');
  return typeof value === 'string' ? value.trim().toLowerCase().slice(0, 200) : '';
}

/**
 * The body, read from a copy so next-auth can still read the original; more than a sign-in form
 * holds is refused (413). The copy is dropped, not awaited: a branch of a cloned body finishes
 * cancelling only once the other branch is done too.
 */
async function readCopyOfBody(req: Request): Promise<string> {
  const tooLarge = () =>
    new AppError('PAYLOAD_TOO_LARGE', `a sign-in must not exceed ${MAX_SIGN_IN_BODY_BYTES / 1024} KiB`);
  if (Number(req.headers.get('content-length') ?? 0) > MAX_SIGN_IN_BODY_BYTES) throw tooLarge();
  const body = req.clone().body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_SIGN_IN_BODY_BYTES) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function nextAuthErrorOf(res: Response): Promise<string | null> {
  let location = res.headers.get('location');
  if (!location && (res.headers.get('content-type') ?? '').includes('application/json')) {
    const body = (await res
      .clone()
      .json()
      .catch(() => null)) as { url?: unknown } | null;
    location = typeof body?.url === 'string' ? body.url : null;
  }
  if (!location) return null;
  try {
    return new URL(location, 'http://sign-in.invalid').searchParams.get('error');
  } catch {
    return null;
  }
}

function refused(code: string, retryAfterSeconds: number, message: string): Response {
  const url = `${config().publicUrl}/signin?error=${code}`;
  return Response.json(
    { url, error: { code: 'RATE_LIMITED', message, details: { retryAfterSeconds } } },
    {
      status: errorStatus.RATE_LIMITED,
      headers: { 'retry-after': String(retryAfterSeconds), 'cache-control': 'no-store' },
    },
  );
}
