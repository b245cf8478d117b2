// The Web Request the hot lane (lib/http/hot-lane.ts) hands a route handler, made as late as
// each part is needed. A real Request costs more than the rest of the lane's own work on a draw:
// it parses its URL, makes an AbortSignal and copies its headers. An end-user handler reads only
// the method, the url and a few headers on most calls, so those come straight from the parsed head
// (the url serialized as Request serializes it); everything else Request has (body, signal,
// json(), clone(), …) is answered by a real Request built from the same parts on first use, so it
// behaves as Request does, to the byte.
import type { IncomingMessage } from 'node:http';
import { forwardMembers } from '../forward-members';

/**
 * A url on the lane's origin that URL would write back as it is: path segments and a query of
 * letters, digits, `-`, `_`, `~` and (in the query) `=` and `&`. No dot segment to resolve, no
 * character to encode. Every API path with ids is one.
 */
const SERIALIZED_URL = /^http:\/\/localhost(?:\/[\w~-]*)+(?:\?[\w~=&-]*)?$/;

/** A header name get() and has() may look up in the parsed head as it is: lower case, no other spelling. */
const PLAIN_NAME = /^[a-z0-9-]+$/;
/** A value Headers would give back unchanged: no whitespace to trim at either end, nothing it refuses. */
const PLAIN_VALUE = /^(?:[^\0\r\n\t ](?:[^\0\r\n]*[^\0\r\n\t ])?)?$/;

/**
 * The request's Headers, filled from the parsed head on first use of anything but get() and has()
 * of a plain name, which read the head itself: a handler asks for three headers and never looks
 * at the rest, and copying them all into Headers cost a twentieth of a GET /me. Whatever the head
 * cannot answer as Headers would (another spelling, a value Headers would trim or refuse) is
 * asked of the filled Headers.
 */
class LaneHeaders extends Headers {
  #head: IncomingMessage['headers'] | null;

  constructor(head: IncomingMessage['headers']) {
    super();
    this.#head = head;
  }

  /** The parsed head's headers, a list's values (`set-cookie`) each as a header line of its own. */
  static fill(headers: LaneHeaders): LaneHeaders {
    const head = headers.#head;
    if (head === null) return headers;
    headers.#head = null;
    for (const name in head) {
      const value = head[name];
      if (typeof value === 'string') Headers.prototype.append.call(headers, name, value);
      else if (value !== undefined) for (const v of value) Headers.prototype.append.call(headers, name, v);
    }
    return headers;
  }

  /** The head's answer for `name`: its value, null for none, undefined when only the filled Headers can say. */
  #peek(name: string): string | null | undefined {
    const head = this.#head;
    if (head === null || !PLAIN_NAME.test(name)) return undefined;
    // Own properties only: Node's head object has a prototype, whose names are no headers.
    const value = Object.hasOwn(head, name) ? head[name] : undefined;
    if (value === undefined) return null;
    const joined = typeof value === 'string' ? value : value.join(', ');
    return PLAIN_VALUE.test(joined) ? joined : undefined;
  }

  get(name: string): string | null {
    const peeked = this.#peek(name);
    return peeked !== undefined ? peeked : Headers.prototype.get.call(LaneHeaders.fill(this), name);
  }

  has(name: string): boolean {
    const peeked = this.#peek(name);
    return peeked !== undefined ? peeked !== null : Headers.prototype.has.call(LaneHeaders.fill(this), name);
  }
}

// Every other member of Headers (append, set, entries, iteration, …) fills it first.
const fillHeaders = (self: LaneHeaders) => LaneHeaders.fill(self);
forwardMembers(LaneHeaders.prototype, Headers.prototype, new Set(['get', 'has']), fillHeaders, [Symbol.iterator]);

class LaneRequest {
  #headers: LaneHeaders | undefined;
  #url: string | undefined;
  #real: Request | undefined;

  constructor(
    /** As Node's parser spells it: upper case, which is also Request's spelling of every method the lane serves. */
    readonly method: string,
    private readonly rawUrl: string,
    private readonly head: IncomingMessage['headers'],
    private readonly bytes: Buffer | null,
  ) {}

  get headers(): LaneHeaders {
    return (this.#headers ??= new LaneHeaders(this.head));
  }

  /** As Request serializes it: a URL parsed and written again, unless it is written so already. */
  get url(): string {
    return (this.#url ??= SERIALIZED_URL.test(this.rawUrl) ? this.rawUrl : new URL(this.rawUrl).href);
  }

  /** The Request everything else is asked of, with the headers as they are now. */
  real(): Request {
    return (this.#real ??= new Request(this.rawUrl, {
      method: this.method,
      headers: LaneHeaders.fill(this.headers),
      body: this.bytes as Uint8Array<ArrayBuffer> | null,
    }));
  }
}

// Every other member of Request, answered by the real one.
const realRequest = (self: LaneRequest) => self.real();
forwardMembers(LaneRequest.prototype, Request.prototype, new Set(['method', 'headers', 'url']), realRequest);
Object.defineProperty(LaneRequest.prototype, Symbol.toStringTag, { value: 'Request' });

/**
 * The Request for a request the lane answers: `body` is what it read of the body, null for none.
 * Its url is the path and query the client sent, on a fixed origin: never made from the Host
 * header, as Next makes its own from the server's hostname, so a Host a URL cannot hold (a space,
 * credentials) fails no read of the url. Handlers read only the path and query of it.
 */
export function laneRequest(req: IncomingMessage, body: Buffer | null): Request {
  const url = `http://localhost${req.url}`;
  return new LaneRequest(req.method!, url, req.headers, body) as unknown as Request;
}
