// The Web Request the hot lane (lib/http/hot-lane.ts) hands a route handler, made as late as
// each part is needed. A real Request costs more than the rest of the lane's own work on a draw:
// it parses its URL, makes an AbortSignal and copies its headers. An end-user handler reads only
// the method, the url and a few headers on most calls, so those come straight from the parsed head
// (the url serialized as Request serializes it); everything else Request has (body, signal,
// json(), clone(), …) is answered by a real Request built from the same parts on first use, so it
// behaves as Request does, to the byte.
import type { IncomingMessage } from 'node:http';
import { forwardMembers } from '../forward-members';

/** The parsed head's headers, a list's values (`set-cookie`) each as a header line of its own. */
function toHeaders(parsed: IncomingMessage['headers']): Headers {
  // Appended one by one: quicker than handing Headers the object, which it converts as a record first.
  const headers = new Headers();
  for (const name in parsed) {
    const value = parsed[name];
    if (typeof value === 'string') headers.append(name, value);
    else if (value !== undefined) for (const v of value) headers.append(name, v);
  }
  return headers;
}

class LaneRequest {
  #headers: Headers | undefined;
  #url: string | undefined;
  #real: Request | undefined;

  constructor(
    /** As Node's parser spells it: upper case, which is also Request's spelling of every method the lane serves. */
    readonly method: string,
    private readonly rawUrl: string,
    private readonly head: IncomingMessage['headers'],
    private readonly bytes: Buffer | null,
  ) {}

  get headers(): Headers {
    return (this.#headers ??= toHeaders(this.head));
  }

  /**
   * As Request serializes it: a URL parsed and written again. One with a user name or password is
   * one Request refuses to be made from, so that one is left to the real Request, which throws.
   */
  get url(): string {
    if (this.#url === undefined) {
      const parsed = new URL(this.rawUrl);
      this.#url = parsed.username || parsed.password ? this.real().url : parsed.href;
    }
    return this.#url;
  }

  /** The Request everything else is asked of, with the headers as they are now. */
  real(): Request {
    return (this.#real ??= new Request(this.rawUrl, {
      method: this.method,
      headers: this.headers,
      body: this.bytes as Uint8Array<ArrayBuffer> | null,
    }));
  }
}

// Every other member of Request, answered by the real one.
const OWN = new Set(['method', 'headers', 'url']);
forwardMembers(LaneRequest.prototype, Request.prototype, OWN, (self: LaneRequest) => self.real());
Object.defineProperty(LaneRequest.prototype, Symbol.toStringTag, { value: 'Request' });

/** The Request for a request the lane answers: `body` is what it read of the body, null for none. */
export function laneRequest(req: IncomingMessage, body: Buffer | null): Request {
  const url = `http://${req.headers.host ?? 'localhost'}${req.url}`;
  return new LaneRequest(req.method!, url, req.headers, body) as unknown as Request;
}
