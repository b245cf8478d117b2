// The routes server.ts answers on its hot lane (lib/http/hot-lane.ts) in production: the end-user
// API a play page calls and the host app's signed events. Each is its route file's own module, so
// the file under app/ stays the one definition of the endpoint: in production as the build compiled
// it for Next, in tests from its source; `npm run dev` serves them by Next.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { HotRoute, RouteModule } from './lib/http/hot-lane';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
const require = createRequire(import.meta.url);

/** The hot routes' paths as their folders under app/ spell them. */
const HOT_ROUTE_PATHS = [
  '/api/v1/activities/[activityId]',
  '/api/v1/activities/[activityId]/me',
  '/api/v1/activities/[activityId]/me/draws',
  '/api/v1/activities/[activityId]/draws',
  '/api/v1/activities/[activityId]/fairness',
  '/api/v1/activities/[activityId]/views',
  '/api/v1/draws/[drawId]/proof',
  '/api/v1/activities/[activityId]/tasks/[taskId]/complete',
  '/api/v1/me/wins',
  '/api/v1/wins/[winId]/claim',
  '/api/v1/events',
] as const;

type BuiltRoute = { routeModule: { ensureUserland(): Promise<void>; userland: RouteModule } };

/**
 * The hot routes as the production build compiled them: the very modules Next serves, so the
 * process holds one copy of lib/ (and of Prisma's client), not a second one compiled by tsx.
 */
export async function loadBuiltHotRoutes(distDir: string): Promise<HotRoute[]> {
  return Promise.all(
    HOT_ROUTE_PATHS.map(async (path) => {
      const file = join(/*turbopackIgnore: true*/ process.cwd(), distDir, 'server/app', path, 'route.js');
      const { routeModule } = require(file) as BuiltRoute;
      await routeModule.ensureUserland();
      return { path, module: routeModule.userland };
    }),
  );
}

/** The hot routes from their sources (tests, and anything run without a build). */
export async function loadHotRoutes(): Promise<HotRoute[]> {
  const routes: Record<(typeof HOT_ROUTE_PATHS)[number], Promise<RouteModule>> = {
    '/api/v1/activities/[activityId]': import('./app/api/v1/activities/[activityId]/route'),
    '/api/v1/activities/[activityId]/me': import('./app/api/v1/activities/[activityId]/me/route'),
    '/api/v1/activities/[activityId]/me/draws': import('./app/api/v1/activities/[activityId]/me/draws/route'),
    '/api/v1/activities/[activityId]/draws': import('./app/api/v1/activities/[activityId]/draws/route'),
    '/api/v1/activities/[activityId]/fairness': import('./app/api/v1/activities/[activityId]/fairness/route'),
    '/api/v1/activities/[activityId]/views': import('./app/api/v1/activities/[activityId]/views/route'),
    '/api/v1/draws/[drawId]/proof': import('./app/api/v1/draws/[drawId]/proof/route'),
    '/api/v1/activities/[activityId]/tasks/[taskId]/complete':
      import('./app/api/v1/activities/[activityId]/tasks/[taskId]/complete/route'),
    '/api/v1/me/wins': import('./app/api/v1/me/wins/route'),
    '/api/v1/wins/[winId]/claim': import('./app/api/v1/wins/[winId]/claim/route'),
    '/api/v1/events': import('./app/api/v1/events/route'),
  };
  return Promise.all(Object.entries(routes).map(async ([path, module]) => ({ path, module: await module })));
}

/**
 * Next's own response compression, applied as its router applies it to the requests it serves
 * (next.config.js leaves `compress` on): gzip when asked for and worth it, Vary: Accept-Encoding,
 * and the zlib stream released when a client goes away mid-response.
 */
export function nextCompression(): (req: IncomingMessage, res: ServerResponse) => void {
  const compress = (require('next/dist/compiled/compression') as () => Middleware)();
  const { releaseCompressionStream } = require('next/dist/server/lib/release-compression-stream') as {
    releaseCompressionStream: (res: ServerResponse) => void;
  };
  return (req, res) => {
    compress(req, res, () => undefined);
    res.once('close', () => {
      if (!res.writableFinished) releaseCompressionStream(res);
    });
  };
}
