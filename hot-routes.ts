// The routes server.ts answers on its hot lane (lib/http/hot-lane.ts) in production: the end-user
// API a play page calls and the host app's signed events. Each is its route file's own module, so
// the file under app/ stays the one definition of the endpoint; `npm run dev` serves them by Next.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { HotRoute } from './lib/http/hot-lane';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
const require = createRequire(import.meta.url);

export async function loadHotRoutes(): Promise<HotRoute[]> {
  const routes = {
    '/api/v1/activities/[activityId]': import('./app/api/v1/activities/[activityId]/route'),
    '/api/v1/activities/[activityId]/me': import('./app/api/v1/activities/[activityId]/me/route'),
    '/api/v1/activities/[activityId]/draws': import('./app/api/v1/activities/[activityId]/draws/route'),
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
