// Requests exactly as written: node:http sends the method, path, headers and body bytes it is
// given (fetch would add a content type, normalise the path and refuse some methods). Every
// request has 10 s to be answered in full; one that is not is a hang.
import http from 'node:http';

export const ANSWER_WITHIN_MS = 10_000;

export type Wire = { method: string; path: string; headers: Record<string, string>; body?: Buffer };
export type Answer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  ms: number;
  /** No full answer within ANSWER_WITHIN_MS. */
  hung: boolean;
  /** The connection failed or was cut (status 0). */
  error?: string;
};

// Idle sockets are dropped before the server's 5 s keep-alive ends, so none is reused just as
// the server closes it (a reset that would look like the server's failure).
const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });

export function send(baseUrl: string, wire: Wire, { answerWithinMs = ANSWER_WITHIN_MS } = {}): Promise<Answer> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (a: Omit<Answer, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...a, ms: performance.now() - started });
    };
    const headers: Record<string, string> = { ...wire.headers };
    if (wire.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length'))
      headers['content-length'] = String(wire.body.byteLength);
    let req: http.ClientRequest;
    try {
      req = http.request({ host: url.hostname, port: url.port, method: wire.method, path: wire.path, headers, agent });
    } catch (err) {
      // node:http refused to send it (a character it does not allow): not the server's doing.
      settled = true;
      resolve({
        status: -1,
        headers: {},
        body: Buffer.alloc(0),
        ms: 0,
        hung: false,
        error: `not sendable: ${(err as Error).message}`,
      });
      return;
    }
    const timer = setTimeout(() => {
      const why = `no answer within ${answerWithinMs / 1000} s`;
      req.destroy(new Error(why));
      done({ status: 0, headers: {}, body: Buffer.alloc(0), hung: true, error: why });
    }, answerWithinMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), hung: false }),
      );
      res.on('error', (err) =>
        done({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          hung: false,
          error: String(err),
        }),
      );
    });
    req.on('error', (err) => done({ status: 0, headers: {}, body: Buffer.alloc(0), hung: false, error: String(err) }));
    req.end(wire.body);
  });
}

export function closeClient() {
  agent.destroy();
}

/** The answer's body as JSON, or undefined. */
export function jsonOf(a: Answer): unknown {
  try {
    return JSON.parse(a.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Cookie header value from an answer's Set-Cookie headers (name=value pairs only). */
export function cookiesOf(a: Answer): string[] {
  const set = a.headers['set-cookie'] ?? [];
  return set.map((c) => c.split(';')[0]!);
}
