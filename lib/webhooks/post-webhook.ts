// One HTTP POST of a delivery: node:http(s) with a lookup that refuses private addresses
// (lib/webhooks/safe-address.ts), redirects never followed (a 3xx is just not a 2xx), and 10 s for
// the whole exchange. Never throws: what happened is the result.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { literalHostRefused, safeLookup } from './safe-address';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export type PostResult = { statusCode: number | null; error: string | null; latencyMs: number };

export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<PostResult> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): PostResult => ({
    statusCode,
    error,
    latencyMs: Math.round(performance.now() - started),
  });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return done(null, 'not a URL');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return done(null, 'only http and https');
  if (literalHostRefused(target)) return done(null, 'private or loopback address refused');
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        lookup: safeLookup,
        // A connection of its own each time: no pooled socket outlives the check of its address.
        agent: false,
      },
      (res: IncomingMessage) => {
        // The answer's body is not needed; read it (up to a bound) so the socket closes cleanly.
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 64 * 1024) res.destroy();
        });
        res.on('end', () => finish(done(res.statusCode ?? null, null)));
        res.on('error', () => finish(done(res.statusCode ?? null, null)));
        res.on('close', () => finish(done(res.statusCode ?? null, null)));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish(done(null, `no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) =>
      finish(done(null, err.code === 'EPRIVATEADDRESS' ? err.message : (err.code ?? err.message).slice(0, 200))),
    );
    req.end(body);
  });
}
