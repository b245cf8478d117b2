// Requests refused before Next sees them, because Next (or next-auth inside it) would answer
// them with a 5xx though the fault is the sender's: a path whose percent-encoding does not
// decode, next-auth's query values and JSON bodies it throws on, and server action envelopes
// its decoder throws on. Each refusal is 400 (413 for size) in the API's error shape.
//
// Two halves, each where it can look: `refuseBadRequestHead` in server.ts (the request line and
// headers, before Next routes anything) and `refuseBadRequestBody` in proxy.ts, where Next hands
// a copy of the body and still gives the original to the action or route afterwards.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { AppError, toErrorBody } from '../errors';
import { requestIdOf } from './request-id';

/** Next's own limit for a server action's body (experimental.serverActions.bodySizeLimit). */
export const MAX_ACTION_BODY_BYTES = 1024 * 1024;
/** Next refuses more arguments than this, with a 500. */
const MAX_ACTION_ARGS = 1000;
/** Deeper than any argument of ours; React's decoder recurses, and overflows its stack long before. */
const MAX_ACTION_DEPTH = 64;
/** A server action's id: Next's 42 hex digits. Any other value is refused rather than looked up. */
const ACTION_ID = /^[0-9a-f]{42}$/i;
/**
 * Values React's encodeReply writes into a single-row (text) body; any other string starting
 * with `$` refers to a row such a body cannot have.
 */
const PLAIN_TEXT_TAGS = /^\$(\$|D|n-?\d+$|undefined$|NaN$|-?Infinity$|-0$)/;
/** Tags whose hex id names another row (a field of a multipart body): `$1`, `$@1`, `$Q1`, `$K1`… */
const ROW_REFERENCE = /^\$([@A-SU-Za-z]?)([0-9a-f]+)$/;
/** A reference's path may walk into a row's value, never into its prototype. */
const PROTOTYPE_PATH = /:(__proto__|constructor|prototype)(:|$)/;

export type RequestHead = { method?: string; url?: string; headers: IncomingHttpHeaders };

/** The refusal of what the request line and headers alone show to be malformed, else null. */
export function refuseBadRequestHead(req: RequestHead): AppError | null {
  const url = req.url ?? '/';
  const [pathname, query = ''] = splitUrl(url);
  if (!decodes(pathname)) return invalid('the path has malformed percent-encoding');
  if (/^\/api\/auth(\/|$)/.test(pathname)) {
    const bad = badAuthQuery(query);
    if (bad) return bad;
  }
  if (req.method !== 'POST') return null;
  const actionId = header(req.headers, 'next-action');
  if (actionId !== undefined && !ACTION_ID.test(actionId)) return invalid('Next-Action must be a server action id');
  const type = header(req.headers, 'content-type') ?? '';
  if (/^multipart\/form-data/i.test(type) && !/;\s*boundary=("[^"]+"|[^;\s]+)/i.test(type))
    return invalid('a multipart body needs a boundary');
  const length = Number(header(req.headers, 'content-length') ?? 0);
  if (actionId !== undefined && length > MAX_ACTION_BODY_BYTES) return tooLarge();
  return null;
}

/**
 * The refusal of a server action or next-auth body Next would throw on, else null. `req` is the
 * copy Next gives its proxy; only requests `needsBodyCheck` names are read.
 */
export async function refuseBadRequestBody(req: Request): Promise<AppError | null> {
  const type = req.headers.get('content-type') ?? '';
  if (isAuthPost(req)) {
    if (!type.includes('application/json')) return null;
    const value = parseJson(await req.text());
    return isPlainObject(value) ? null : invalid('a next-auth JSON body must be an object');
  }
  if (!isFetchAction(req)) return null;
  if (/^multipart\/form-data/i.test(type)) {
    const form = await req.formData().catch(() => null);
    if (!form) return invalid('the server action body is not multipart form data');
    return badActionRoot(form.get('0'), (tag, id) => hasPart([...form.keys()], tag, id));
  }
  const text = await readLimited(req);
  if (text === null) return tooLarge();
  return badActionRoot(text, () => false);
}

/**
 * Whether a multipart body holds the part a reference names. React refers in hex and names the
 * fields in decimal: row n is field `n`, a stream's parts `Sn`, a FormData's entries `_n_<name>`
 * (none when it is empty, so `$K` needs no field).
 */
function hasPart(fields: string[], tag: string, hexId: string): boolean {
  if (tag === 'K') return true;
  const n = String(parseInt(hexId, 16));
  return fields.some((f) => f === n || f === `S${n}`);
}

/** Whether `refuseBadRequestBody` has anything to say about this request. */
export function needsBodyCheck(req: { method: string; url: string; headers: Headers }): boolean {
  return isAuthPost(req) || isFetchAction(req);
}

/** A refusal as the API answers errors, with the request id the rest of the API sends. */
export function refusalResponse(err: AppError, req: { headers: Headers }): Response {
  const { status, body, headers } = toErrorBody(err);
  const requestId = requestIdOf(req.headers.get('x-request-id'));
  return Response.json(body, { status, headers: { ...headers, 'x-request-id': requestId } });
}

/** The same, written to Node's response (server.ts, in front of Next). */
export function writeRefusal(req: RequestHead, res: ServerResponse, err: AppError): void {
  const { status, body } = toErrorBody(err);
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'x-request-id': requestIdOf(header(req.headers, 'x-request-id')),
  });
  res.end(JSON.stringify(body));
}

function isAuthPost(req: { method: string; url: string }) {
  return req.method === 'POST' && /^\/api\/auth(\/|$)/.test(new URL(req.url).pathname);
}

function isFetchAction(req: { method: string; headers: Headers }) {
  return req.method === 'POST' && req.headers.has('next-action');
}

/** next-auth answers 500 to a callbackUrl that is no http(s) URL, and to repeated values. */
function badAuthQuery(query: string): AppError | null {
  const params = new URLSearchParams(query);
  for (const name of ['callbackUrl', 'error']) {
    const values = params.getAll(name);
    if (values.length > 1) return invalid(`${name} may be given once`);
  }
  const callbackUrl = params.get('callbackUrl');
  if (callbackUrl !== null && !isHttpUrl(callbackUrl)) return invalid('callbackUrl must be an http(s) URL or a path');
  const error = params.get('error');
  if (error !== null && !/^[A-Za-z]{1,64}$/.test(error)) return invalid('error must be a next-auth error name');
  return null;
}

/** As next-auth checks it: a path, or an absolute http(s) URL. */
function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith('/') ? 'http://base.invalid' : undefined).protocol);
  } catch {
    return false;
  }
}

/** The arguments row of a server action: a JSON array Next's decoder can take. */
function badActionRoot(
  root: FormDataEntryValue | null,
  hasRow: (tag: string, hexId: string) => boolean,
): AppError | null {
  if (typeof root !== 'string') return invalid('the server action body has no arguments row');
  const args = parseJson(root);
  if (!Array.isArray(args)) return invalid('the server action arguments must be a JSON array');
  if (args.length > MAX_ACTION_ARGS) return invalid(`a server action takes at most ${MAX_ACTION_ARGS} arguments`);
  // Iteratively, so a deep body cannot overflow this check's stack either.
  const pending: [unknown, number][] = [[args, 1]];
  while (pending.length) {
    const [value, depth] = pending.pop()!;
    if (typeof value === 'string' && value.startsWith('$') && !PLAIN_TEXT_TAGS.test(value)) {
      const ref = ROW_REFERENCE.exec(value.split(':')[0]!);
      if (!ref || !hasRow(ref[1]!, ref[2]!) || PROTOTYPE_PATH.test(value))
        return invalid('the server action body refers to a row it does not have');
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_ACTION_DEPTH) return invalid('the server action arguments are nested too deeply');
    for (const v of Object.values(value)) pending.push([v, depth + 1]);
  }
  return null;
}

/** The body as text, or null past MAX_ACTION_BODY_BYTES (a chunked body has no Content-Length). */
async function readLimited(req: Request): Promise<string | null> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ACTION_BODY_BYTES) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isPlainObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function splitUrl(url: string): [string, string?] {
  const q = url.indexOf('?');
  return q < 0 ? [url] : [url.slice(0, q), url.slice(q + 1)];
}

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function invalid(message: string) {
  return new AppError('VALIDATION_FAILED', message);
}

function tooLarge() {
  return new AppError('PAYLOAD_TOO_LARGE', `a server action body must not exceed ${MAX_ACTION_BODY_BYTES / 1024} KiB`);
}
