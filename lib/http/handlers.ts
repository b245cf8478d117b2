// Route handler wrappers: a request id, one error mapper, and the three kinds of caller.
// Route files stay one line of parsing and one call into lib.
import { authenticateApiKey } from '../auth/api-keys';
import { assertScope } from '../auth/api-key-scopes';
import { authenticateUserToken, type EndUser } from '../auth/user-token';
import type { Actor } from '../audit/write-audit-log';
import { errorResponse } from '../errors';
import { idOrNotFound } from '../ids';
import { log, withRequestContext } from '../log';
import { requestIdOf } from './request-id';

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Params = Record<string, string>;
export type RouteHandler = (req: Request, ctx: RouteContext) => Promise<Response>;

/**
 * A public route: request id, error mapping and an access log line. Id params are canonical
 * (lower case) by the time `fn` sees them; one that is not a UUID names nothing: 404.
 */
export function publicRoute(fn: (args: { req: Request; params: Params }) => Promise<Response>): RouteHandler {
  return callerRoute(async () => ({}), fn);
}

/**
 * Who calls is settled first (a bad credential is 401 whatever the path says), then the path's
 * ids: canonical, or 404 before anything else runs.
 */
function callerRoute<Caller extends object>(
  authenticate: (req: Request) => Promise<Caller>,
  fn: (args: { req: Request; params: Params } & Caller) => Promise<Response>,
): RouteHandler {
  return (req, ctx) => {
    const requestId = requestIdOf(req.headers.get('x-request-id'));
    return withRequestContext(requestId, async () => {
      const started = performance.now();
      let res: Response;
      try {
        const raw = flatParams(ctx?.params ? await ctx.params : {});
        const caller = await authenticate(req);
        res = await fn({ req, params: canonicalParams(raw), ...caller });
      } catch (err) {
        res = errorResponse(err);
      }
      res.headers.set('x-request-id', requestId);
      if (res.status >= 500) {
        log.warn('request failed', {
          method: req.method,
          path: new URL(req.url).pathname,
          status: res.status,
          ms: Math.round(performance.now() - started),
        });
      }
      return res;
    });
  };
}

/** Management API: `Authorization: Bearer <API key>`, one tenant per key. */
export function withApiKey(
  fn: (args: { req: Request; params: Params; tenantId: string; actor: Actor; scopes: string[] }) => Promise<Response>,
): RouteHandler {
  return callerRoute(async (req) => {
    const principal = await authenticateApiKey(req.headers.get('authorization'));
    // A key limited to some areas (or to reading) is refused a write elsewhere before anything runs.
    assertScope(principal.scopes, req.method, new URL(req.url).pathname);
    const actor: Actor = { type: 'API_KEY', id: principal.apiKeyId, scopes: principal.scopes };
    return { tenantId: principal.tenantId, actor, scopes: principal.scopes };
  }, fn);
}

/** End-user API: `Authorization: Bearer <user token>`. */
export function withUser(
  fn: (args: { req: Request; params: Params; user: EndUser }) => Promise<Response>,
): RouteHandler {
  return callerRoute((req) => authenticateUserToken(req.headers.get('authorization')).then((user) => ({ user })), fn);
}

function flatParams(raw: Record<string, string | string[]>): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(raw)) out[k] = Array.isArray(v) ? v.join('/') : v;
  return out;
}

/**
 * Path params that are ids (`id`, or a name ending in `Id`) in their one spelling, lower case:
 * the rest of the request's life (rows, Redis keys, locks, jobs) sees only that spelling.
 */
export function canonicalParams(params: Params): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(params)) {
    if (name !== 'id' && !name.endsWith('Id')) {
      out[name] = value;
      continue;
    }
    out[name] = idOrNotFound(value, name === 'id' ? 'object' : name.slice(0, -2));
  }
  return out;
}
