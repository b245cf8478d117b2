// The web server, for `npm start` (a drop-in for `next start`) and `npm run dev` (--dev, in place
// of `next dev`): Next.js behind the play page's micro-cache (lib/h5/page-cache.ts, production
// only); every other request goes straight to Next. Every request first gets its client address
// from the socket and the trusted proxies (lib/http/client-ip.ts), the only one routes believe;
// a request whose line or headers Next would fail on is refused before (lib/http/request-guard.ts).
//   node --import tsx server.ts [-p port] [-H hostname] [--dev]
// In production it runs as `npm run build` compiles it (scripts/build-server.ts): node .server-build/server.mjs.
// Port: -p, else PORT, else 3000. Hostname: -H, else HOSTNAME, else 0.0.0.0. Processes:
// WEB_CONCURRENCY, else one per core.
// It reads PORT, HOSTNAME and WEB_CONCURRENCY itself and the rest through lib/config.ts only once Next has
// loaded .env: config() loads .env too, and Next must come first to give .env.production and
// .env.local their precedence.
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { config, ConfigError } from './lib/config';
import { createPlayPageCache, withPlayPageCache } from './lib/h5/page-cache';
import { stampClientIp } from './lib/http/client-ip';
import { refuseBadRequestHead, writeRefusal } from './lib/http/request-guard';
import { createHotLane } from './lib/http/hot-lane';
import { superviseWebWorkers, webProcessCount } from './lib/http/web-cluster';
import { loadBuiltHotRoutes, nextCompression } from './hot-routes';

const SHUTDOWN_GRACE_MS = 10_000;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args: { port?: string; hostname?: string; dev?: boolean };
try {
  const options = {
    port: { type: 'string', short: 'p' },
    hostname: { type: 'string', short: 'H' },
    dev: { type: 'boolean' },
  } as const;
  args = parseArgs({ options }).values;
} catch (err) {
  fail(`server.ts: ${(err as Error).message} (usage: server.ts [-p port] [-H hostname] [--dev])`);
}
const dev = args.dev === true;
const port = Number(args.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535)
  fail(`server.ts: port must be 1–65535, not ${args.port ?? process.env.PORT}`);
const hostname = args.hostname ?? process.env.HOSTNAME ?? '0.0.0.0';

const distDir = process.env.NEXT_DIST_DIR || '.next';
if (!dev && !existsSync(path.join(distDir, 'BUILD_ID'))) {
  fail(`server.ts: no production build in ${distDir}/: run npm run build first`);
}

// WEB_CONCURRENCY processes in production (default: one per core): this one then only supervises
// them (lib/http/web-cluster.ts); each runs the rest of this file.
let processes = 1;
try {
  if (!dev) processes = webProcessCount(process.env.WEB_CONCURRENCY);
} catch (err) {
  fail(`server.ts: ${(err as Error).message}`);
}
if (superviseWebWorkers(processes)) await new Promise<never>(() => undefined);

// As `next start` and `next dev` set them: React's build, and the port lib/config.ts reports.
const env = process.env as Record<string, string | undefined>;
if (dev) env.NODE_ENV = 'development';
else env.NODE_ENV ||= 'production';
env.PORT = String(port);
const { default: next } = await import('next');

const app = next({ dev, hostname, port });
await app.prepare();
// A bad setting (or the development AUTH_SECRET in production) stops the server here, in one line.
let trustedProxyCount: number;
let hotLane: boolean;
try {
  ({ TRUSTED_PROXY_COUNT: trustedProxyCount, HOT_LANE: hotLane } = config());
} catch (err) {
  if (err instanceof ConfigError) fail(`server.ts: ${err.message}`);
  throw err;
}
const handle = app.getRequestHandler();
const toNext = (req: IncomingMessage, res: ServerResponse) =>
  handle(req, res).catch((err: unknown) => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500).end();
  });

// The cache fills from this same server; a wildcard address is reached through loopback.
const loopback =
  hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname.includes(':') ? `[${hostname}]` : hostname;
const cache = createPlayPageCache({
  upstream: `http://${loopback}:${port}`,
  onFillError: (err, page) =>
    console.error(`play page cache: filling ${page} failed, Next answers instead: ${String(err)}`),
});

// The end-user API past Next's router (lib/http/hot-lane.ts), the play page from its cache.
const api =
  dev || !hotLane
    ? toNext
    : createHotLane({ routes: await loadBuiltHotRoutes(distDir), fallback: toNext, compress: nextCompression() });
const front = dev ? toNext : withPlayPageCache(cache, api);
const server = createServer((req, res) => {
  // What Next would answer with a 5xx though the sender is at fault is refused here, in the API's shape.
  const refusal = refuseBadRequestHead(req);
  if (refusal) return writeRefusal(req, res, refusal);
  stampClientIp(req, trustedProxyCount);
  front(req, res);
});
server.on('error', (err) => fail(`server.ts: ${err.message}`));
server.listen(port, hostname, () => console.log(`> ready on http://${hostname}:${port}`));

let stopping = false;
function shutDown() {
  // Once, though a signal may come both from the terminal and from a supervising process.
  if (stopping) return;
  stopping = true;
  // Stop accepting; idle keep-alive sockets close now, open requests get a moment to finish.
  server.close(() => void app.close().finally(() => process.exit(0)));
  setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
}
process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);
