// The production server's hot lane: the end-user API's busiest routes answered straight from
// node:http, past Next's router, whose pipeline costs more CPU per request than a whole draw.
// It calls the very handlers the route files export (server.ts names them), with the Web
// Request and the `params` promise Next would hand them, so a route file stays the one
// definition of its endpoint. Whatever the lane is not sure to answer as Next would (another
// path, a trailing slash, an encoded or empty segment, a method no route file exports) goes to
// Next unchanged. What Next adds to every API response is added here too: next.config.js's
// headers, the Vary of an app route, and (passed in by server.ts) Next's own compression. An
// end-to-end test compares both paths answer by answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_METHODS, type HttpMethod } from './other-methods';
import { jsonTextOf } from '../json-response';
import { laneRequest } from './lane-request';
import { MAX_BODY_BYTES } from './read-json';

type LaneHandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
/** A route file's exports: one handler per method. */
export type RouteModule = Partial<Record<HttpMethod, LaneHandler>>;
/** A route as its folder under app/ spells it, e.g. `/api/v1/activities/[activityId]/draws`. */
export type HotRoute = { path: string; module: RouteModule };
type Handle = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The headers Next sets before an app route's handler runs: next.config.js's headers() for every
 * path outside /play (the whole API), and the Vary it gives every app route.
 */
export const NEXT_ROUTE_HEADERS: Readonly<Record<string, string>> = {
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  vary: 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch',
};

type Compiled = { segments: { literal?: string; param?: string }[]; module: RouteModule };

function compile(route: HotRoute): Compiled {
  const segments = route.path
    .split('/')
    .slice(1)
    .map((s) => {
      const param = /^\[(\w+)\]$/.exec(s)?.[1];
      return param ? { param } : { literal: s };
    });
  return { segments, module: route.module };
}

/**
 * The route and params a path names, or null. A param is any segment Next's URL parsing keeps as
 * it is: not empty, `.` or `..` (resolved), without `%` (decoded), `\` (read as `/`) or `#` (ends the path).
 */
function match(routes: Compiled[], pathname: string): { module: RouteModule; params: Record<string, string> } | null {
  const parts = pathname.split('/');
  if (parts[0] !== '') return null;
  parts.shift();
  next: for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    for (let i = 0; i < parts.length; i++) {
      const seg = route.segments[i]!;
      const part = parts[i]!;
      if (seg.literal !== undefined) {
        if (part !== seg.literal) continue next;
      } else {
        if (part === '' || part === '.' || part === '..' || /[%\\#]/.test(part)) continue next;
        params[seg.param!] = part;
      }
    }
    return { module: route.module, params };
  }
  return null;
}

/**
 * Up to one byte past the limit: enough for the handler's own 413, never the whole of a huge body.
 * The rest stays unread on the socket, so a body cut short closes the connection after its answer:
 * kept alive, the next request on it would be read as more of this body and never answered.
 */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
  const declared = req.headers['content-length'];
  if (declared === '0' || (declared === undefined && req.headers['transfer-encoding'] === undefined)) {
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData).off('end', done).off('error', reject);
      resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.pause();
        res.setHeader('connection', 'close');
        done();
      }
    };
    req.on('data', onData).on('end', done).on('error', reject);
  });
}

/** The whole of a body, read with the stream's own reader: arrayBuffer() takes the same bytes a longer way. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const [only] = chunks;
  return chunks.length === 1 ? Buffer.from(only!.buffer, only!.byteOffset, only!.byteLength) : Buffer.concat(chunks);
}

const ROUTE_HEADERS = Object.entries(NEXT_ROUTE_HEADERS);

/** Answers the request with the handler's answer, whose body is `body` (read already). */
function send(res: ServerResponse, answer: Response, body: string | Buffer | undefined) {
  res.statusCode = answer.status;
  for (const [name, value] of ROUTE_HEADERS) res.setHeader(name, value);
  for (const [name, value] of answer.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  // The body's length is stated, so compression keeps to its threshold (1 KB): a draw's answer of a
  // few hundred bytes is sent as it is, a larger one gzipped (without the length) for a client that
  // accepts it. Next streams a route's body, so its compression never learns the length and gzips
  // every answer: for a draw, more CPU than the draw (docs/draw.md, step 1).
  if (body !== undefined) res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * A request handler that serves `routes` itself and passes everything else to `fallback`;
 * `compress` wraps the response of every request it serves, as Next's router does its own.
 */
export function createHotLane({
  routes,
  fallback,
  compress,
}: {
  routes: HotRoute[];
  fallback: Handle;
  compress?: Handle;
}): Handle {
  const compiled = routes.map(compile);
  return (req, res) => {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const found = url.startsWith('/api/') ? match(compiled, query < 0 ? url : url.slice(0, query)) : null;
    const method = req.method as HttpMethod;
    const handler = found && HTTP_METHODS.includes(method) ? found.module[method] : undefined;
    if (!found || !handler) return fallback(req, res);
    compress?.(req, res);
    serve(req, res, handler, found.params).catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, handler: LaneHandler, params: Record<string, string>) {
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const body = hasBody ? await readBody(req, res) : null;
  const answer = await handler(laneRequest(req, body), { params: Promise.resolve(params) });
  // An answer of jsonResponse hands over its text: no stream is made only to be read back here.
  send(res, answer, jsonTextOf(answer) ?? (answer.body ? await readAll(answer.body) : undefined));
}
