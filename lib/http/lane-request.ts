// The Web Request the hot lane (lib/http/hot-lane.ts) hands a route handler, made as late as
// each part is needed. A real Request costs more than the rest of the lane's own work on a draw:
// it parses its URL, makes an AbortSignal and copies its headers. An end-user handler reads only
// the method and a few headers on most calls, so those two come straight from the parsed head;
// everything else Request has (url, body, signal, json(), clone(), …) is answered by a real
// Request built from the same parts on first use, so it behaves as Request does, to the byte.
import type { IncomingMessage } from 'node:http';

/**
 * The request's headers as Headers takes them: the parsed head as it is, unless a header came as
 * a list (`set-cookie`), whose values then each go in as a header line of their own.
 */
function headersInit(parsed: IncomingMessage['headers']): HeadersInit {
  for (const name in parsed) if (typeof parsed[name] !== 'string') return headerLines(parsed);
  return parsed as Record<string, string>;
}

function headerLines(parsed: IncomingMessage['headers']): [string, string][] {
  const lines: [string, string][] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) lines.push([name, v]);
    else lines.push([name, value]);
  }
  return lines;
}

class LaneRequest {
  #headers: Headers | undefined;
  #real: Request | undefined;

  constructor(
    /** As Node's parser spells it: upper case, which is also Request's spelling of every method the lane serves. */
    readonly method: string,
    private readonly rawUrl: string,
    private readonly head: IncomingMessage['headers'],
    private readonly bytes: Buffer | null,
  ) {}

  get headers(): Headers {
    return (this.#headers ??= new Headers(headersInit(this.head)));
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

// Every other member of Request, answered by the real one (methods run with it as `this`).
for (const name of Object.getOwnPropertyNames(Request.prototype)) {
  if (name === 'constructor' || name === 'method' || name === 'headers') continue;
  const real = (self: LaneRequest) => self.real() as unknown as Record<string, unknown>;
  const isMethod = typeof Object.getOwnPropertyDescriptor(Request.prototype, name)!.value === 'function';
  Object.defineProperty(
    LaneRequest.prototype,
    name,
    isMethod
      ? {
          value(this: LaneRequest, ...args: unknown[]) {
            return (real(this)[name] as (...a: unknown[]) => unknown)(...args);
          },
        }
      : {
          get(this: LaneRequest) {
            return real(this)[name];
          },
        },
  );
}
Object.defineProperty(LaneRequest.prototype, Symbol.toStringTag, { value: 'Request' });

/** The Request for a request the lane answers: `body` is what it read of the body, null for none. */
export function laneRequest(req: IncomingMessage, body: Buffer | null): Request {
  const url = `http://${req.headers.host ?? 'localhost'}${req.url}`;
  return new LaneRequest(req.method!, url, req.headers, body) as unknown as Request;
}
