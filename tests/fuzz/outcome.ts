// What an answer means for the fuzz's properties: its effective status (a server action answers
// 200 and carries its error code in the result), whether the request was refused, and which
// rules it broke.
import { errorStatus } from '../../lib/errors';
import { actionOutcome } from './server-action';
import { jsonOf, type Answer } from './http-client';
import type { Call } from './call';

export type Outcome = {
  /** The status the caller effectively got: HTTP's, or the action result's error code's. */
  status: number;
  /** e.g. `409 NO_CHANCES`, `200`, `action 400 VALIDATION_FAILED`. */
  label: string;
  refused: boolean;
  ok: boolean;
  code?: string;
  result?: unknown;
};

export function outcomeOf(call: Call, a: Answer): Outcome {
  if (a.hung) return { status: 0, label: 'no answer in 10 s', refused: false, ok: false };
  if (a.status <= 0) return { status: a.status, label: a.error ?? 'connection failed', refused: false, ok: false };
  if (call.action && a.status < 500 && String(a.headers['content-type'] ?? '').includes('text/x-component')) {
    const o = actionOutcome(a.body);
    if (o.kind === 'result') {
      const r = o.value as { ok?: boolean; error?: { code?: string } } | undefined;
      if (r && r.ok === false) {
        const code = String(r.error?.code ?? 'UNKNOWN');
        const status = (errorStatus as Record<string, number>)[code] ?? 400;
        return { status, label: `action ${status} ${code}`, refused: status < 500, ok: false, code, result: r };
      }
      // A CSV import refuses the whole file inside a successful result: { imported: false, errors }.
      if (r && r.ok === true && (r as { data?: { imported?: unknown } }).data?.imported === false) {
        return { status: 400, label: 'action 400 (import refused)', refused: true, ok: false, result: r };
      }
      if (r && r.ok === true) {
        return { status: a.status, label: `action ${a.status} ok`, refused: false, ok: true, result: r };
      }
      return { status: a.status, label: `action ${a.status} (no result)`, refused: false, ok: false, result: r };
    }
    if (o.kind === 'thrown') return { status: 500, label: 'action threw', refused: false, ok: false };
  }
  const body = jsonOf(a) as { error?: { code?: string } } | undefined;
  const code = body?.error?.code;
  return {
    status: a.status,
    label: code ? `${a.status} ${code}` : String(a.status),
    refused: a.status >= 400 && a.status < 500,
    ok: a.status < 400,
    code,
  };
}

/** A 4xx of the API must carry its error shape: { error: { code, message } }. */
export function hasErrorShape(a: Answer): boolean {
  const body = jsonOf(a) as { error?: { code?: unknown; message?: unknown } } | undefined;
  return (
    !!body?.error &&
    typeof body.error.code === 'string' &&
    /^[A-Z][A-Z0-9_]*$/.test(body.error.code) &&
    typeof body.error.message === 'string'
  );
}

/** Where a sign-in answer sends the browser: the JSON `url` (json=true) or the Location header. */
export function redirectTarget(a: Answer): string | undefined {
  const json = jsonOf(a) as { url?: unknown } | undefined;
  if (typeof json?.url === 'string') return json.url;
  const loc = a.headers.location;
  return typeof loc === 'string' ? loc : undefined;
}

/** True when `target` leaves `baseUrl`'s origin or names a path a browser reads as another host. */
export function isForeignRedirect(baseUrl: string, target: string): boolean {
  let u: URL;
  try {
    u = new URL(target, baseUrl);
  } catch {
    return false;
  }
  if (u.origin !== new URL(baseUrl).origin) return true;
  return /^\/[/\\]/.test(u.pathname) || /^[/\\]{2}/.test(target.trim());
}
