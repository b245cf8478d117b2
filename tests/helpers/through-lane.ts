// The integration tests' lane mode (TEST_THROUGH_HOT_LANE=1, the `integration-lane` vitest project):
// callRoute sends a hot route's request over a real socket to the production server's hot lane
// (lib/http/hot-lane.ts, with the routes and the compression server.ts gives it), in process, on a
// free loopback port, once per test file. What the lane would leave to Next, and handlers that are
// no hot route, are called directly, as in the default mode.
import { once } from 'node:events';
import { Agent, createServer, request as httpRequest, validateHeaderValue, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { loadHotRoutes, nextCompression } from '../../hot-routes';
import { stampClientIp } from '../../lib/http/client-ip';
import { createHotLane, type HotRoute } from '../../lib/http/hot-lane';
import { refuseBadRequestHead, writeRefusal } from '../../lib/http/request-guard';

export const THROUGH_HOT_LANE = process.env.TEST_THROUGH_HOT_LANE === '1';

/** What the lane server of this test file has seen: requests it answered, and those it left to Next. */
export type LaneCounts = { answered: number; leftToNext: number };

type Lane = { routes: HotRoute[]; server: Server; agent: Agent; port: number; counts: LaneCounts };
let started: Promise<Lane> | undefined;

/** Built as server.ts builds its front: refusal of a bad head, the client address, then the lane. */
async function startLane(): Promise<Lane> {
  const routes = await loadHotRoutes();
  const counts: LaneCounts = { answered: 0, leftToNext: 0 };
  const lane = createHotLane({
    routes,
    // Next's stand-in: callRoute only sends what the lane must answer, so this is never a test's answer.
    fallback: (_req, res) => {
      counts.leftToNext++;
      res.writeHead(404, { 'x-left-to-next': '1' }).end();
    },
    compress: nextCompression(),
  });
  const server = createServer((req, res) => {
    const refusal = refuseBadRequestHead(req);
    if (refusal) return writeRefusal(req, res, refusal);
    stampClientIp(req, 0);
    res.once('finish', () => {
      if (!res.hasHeader('x-left-to-next')) counts.answered++;
    });
    lane(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { routes, server, agent: new Agent({ keepAlive: true }), port, counts };
}

const lane = () => (started ??= startLane());

/** The counts of this file's lane server; null before its first request. */
export async function laneCounts(): Promise<LaneCounts | null> {
  return started ? { ...(await started).counts } : null;
}

export async function stopLane(): Promise<void> {
  if (!started) return;
  const { server, agent } = await started;
  started = undefined;
  agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

type Call = { method: string; path: string; params: Record<string, string>; request: Request };
export type Answered = { status: number; headers: Headers; text: string };

/**
 * The path the lane must answer itself for this handler and call: the route whose module exports
 * `handler` for `method`, its segments filled from `params` and the query taken from `path`.
 * Null when the handler is no hot route for this method, or when the lane would leave the path to
 * Next (a param missing, empty, `.`, `..`, or changed by encoding, which puts a `%` in it).
 */
export async function lanePath(handler: unknown, { method, path, params }: Omit<Call, 'request'>) {
  const { routes } = await lane();
  const route = routes.find((r) => (r.module as Record<string, unknown>)[method] === handler);
  if (!route) return null;
  let unservable = false;
  const filled = route.path.replace(/\[(\w+)\]/g, (_, name: string) => {
    const value = params[name];
    const encoded = value === undefined ? '' : encodeURIComponent(value);
    if (encoded === '' || encoded === '.' || encoded === '..' || encoded.includes('%')) unservable = true;
    return encoded;
  });
  if (unservable) return null;
  const query = path.indexOf('?');
  return query < 0 ? filled : filled + path.slice(query);
}

/**
 * The request a test built (callRoute's Web Request, so the headers are what fetch would send)
 * over a socket to the lane; null when a header value cannot travel in a real HTTP request.
 */
export async function sendThroughLane(lanePath: string, request: Request): Promise<Answered | null> {
  const headers: [string, string][] = [...request.headers];
  try {
    for (const [, value] of headers) validateHeaderValue('x', value);
  } catch {
    return null;
  }
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  const { port, agent } = await lane();
  // The path as built, not parsed as a URL, which could resolve or re-encode parts of it.
  const target = { host: '127.0.0.1', port, path: lanePath, method: request.method, agent };
  const answer = await new Promise<{ status: number; raw: string[]; body: Buffer }>((resolve, reject) => {
    const req = httpRequest(target, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode!, raw: res.rawHeaders, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    for (const [name, value] of headers) req.setHeader(name, value);
    if (body) req.setHeader('content-length', body.length);
    req.end(body);
  });
  const received = new Headers();
  for (let i = 0; i < answer.raw.length; i += 2) received.append(answer.raw[i]!, answer.raw[i + 1]!);
  if (received.get('x-left-to-next')) {
    throw new Error(`the hot lane left ${request.method} ${lanePath} to Next, though it must answer it itself`);
  }
  return { status: answer.status, headers: received, text: (await decoded(received, answer.body)).toString('utf8') };
}

/** The body as a client reads it: undone as its Content-Encoding says. */
function decoded(headers: Headers, body: Buffer): Promise<Buffer> | Buffer {
  switch (headers.get('content-encoding')) {
    case 'gzip':
      return promisify(gunzip)(body);
    case 'deflate':
      return promisify(inflate)(body);
    case 'br':
      return promisify(brotliDecompress)(body);
    default:
      return body;
  }
}
