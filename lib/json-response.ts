// A JSON answer that keeps its body as text until something reads the body. Node's Response makes
// a ReadableStream for every body it is given, at once, and the hot lane (lib/http/hot-lane.ts)
// would read that stream back into bytes: together a tenth of the web process's work on a GET /me.
// The lane writes the text as it is (jsonTextOf); anything else that reads the body (Next, a
// test's res.json(), clone()) gets it from a real Response made from the same text, status and
// headers on first use, so it behaves as Response.json's answer does, to the byte.

import { forwardMembers } from './forward-members';

/**
 * The member that lends the text, named by a registered symbol: the server's own bundle (hot lane)
 * and the build's route modules each hold a copy of this file, so the class is not one class.
 */
const KEPT_TEXT = Symbol.for('lottery.jsonResponse.keptText');

class JsonResponse extends Response {
  #text: string;
  #real: Response | undefined;

  constructor(text: string, init: ResponseInit) {
    super(null, init);
    this.#text = text;
  }

  /** The text while no body has been made of it: the hot lane's to write as it is. */
  [KEPT_TEXT](): string | null {
    return this.#real === undefined ? this.#text : null;
  }

  /** The Response every body member is asked of, with the headers as they are now. */
  real(): Response {
    return (this.#real ??= new Response(this.#text, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    }));
  }

  /** A copy with the headers as they are now; once the body is used, the TypeError a Response throws. */
  clone(): Response {
    const init = { status: this.status, statusText: this.statusText, headers: this.headers };
    if (this.#real === undefined) return new JsonResponse(this.#text, init);
    return new Response(this.#real.clone().body, init);
  }
}

// Every member of Response's body (body, bodyUsed, text(), json(), …), answered by the real one;
// status, headers and the rest are the answer's own.
const OWN = new Set(['clone', 'status', 'statusText', 'headers', 'ok', 'type', 'url', 'redirected']);
forwardMembers(JsonResponse.prototype, Response.prototype, OWN, (self: JsonResponse) => self.real());

/** The statuses an answer with a body cannot have. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** As Response.json(data, init): Content-Type application/json unless init names one. */
export function jsonResponse(data: unknown, init: ResponseInit = {}): Response {
  const text = JSON.stringify(data);
  if (text === undefined) throw new TypeError('the value cannot be written as JSON');
  if (init.status !== undefined && NULL_BODY_STATUSES.has(init.status))
    throw new TypeError(`a response with status ${init.status} cannot have a body`);
  const res = new JsonResponse(text, init);
  if (!res.headers.has('content-type')) res.headers.set('content-type', 'application/json');
  return res;
}

/** The body's text if `res` came from jsonResponse and nothing has read its body yet; null otherwise. */
export function jsonTextOf(res: Response): string | null {
  const kept = (res as Partial<Record<typeof KEPT_TEXT, () => string | null>>)[KEPT_TEXT];
  return typeof kept === 'function' ? kept.call(res) : null;
}
