// Route handler wrappers: a request id, one error mapper, and the three kinds of caller.
// Route files stay one line of parsing and one call into lib (STYLE.md §1).
import { randomUUID } from 'node:crypto';
import { authenticateApiKey } from '../auth/api-keys';
import { authenticateUserToken, type EndUser } from '../auth/user-token';
import type { Actor } from '../audit/write-audit-log';
import { errorResponse } from '../errors';
import { log, withRequestContext } from '../log';

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Params = Record<string, string>;
export type RouteHandler = (req: Request, ctx: RouteContext) => Promise<Response>;

function requestIdOf(req: Request): string {
  const given = req.headers.get('x-request-id');
  return given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

/** A public route: request id, error mapping and an access log line. */
export function publicRoute(fn: (args: { req: Request; params: Params }) => Promise<Response>): RouteHandler {
  return (req, ctx) => {
    const requestId = requestIdOf(req);
    return withRequestContext(requestId, async () => {
      const started = performance.now();
      let res: Response;
      try {
        res = await fn({ req, params: await flatParams(ctx) });
      } catch (err) {
        res = errorResponse(err);
      }
      res.headers.set('x-request-id', requestId);
      if (res.status >= 500) {
        log.warn('request failed', { method: req.method, path: new URL(req.url).pathname, status: res.status, ms: Math.round(performance.now() - started) });
      }
      return res;
    });
  };
}

/** Management API: `Authorization: Bearer <API key>`, one tenant per key. */
export function withApiKey(
  fn: (args: { req: Request; params: Params; tenantId: string; actor: Actor }) => Promise<Response>,
): RouteHandler {
  return publicRoute(async ({ req, params }) => {
    const principal = await authenticateApiKey(req.headers.get('authorization'));
    return fn({ req, params, tenantId: principal.tenantId, actor: { type: 'API_KEY', id: principal.apiKeyId } });
  });
}

/** End-user API: `Authorization: Bearer <user token>`. */
export function withUser(fn: (args: { req: Request; params: Params; user: EndUser }) => Promise<Response>): RouteHandler {
  return publicRoute(async ({ req, params }) => {
    const user = await authenticateUserToken(req.headers.get('authorization'));
    return fn({ req, params, user });
  });
}

async function flatParams(ctx: RouteContext | undefined): Promise<Params> {
  const raw = ctx?.params ? await ctx.params : {};
  const out: Params = {};
  for (const [k, v] of Object.entries(raw)) out[k] = Array.isArray(v) ? v.join('/') : v;
  return out;
}
