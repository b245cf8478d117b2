// Every route file under app/api answers every HTTP method. It exports the methods it serves,
// then the rest from `otherMethods`: HEAD as its GET (as Next would), OPTIONS naming what it
// serves, and for any other method a 405 in the API's error shape with an Allow header, where
// Next's own 405 has an empty body.
//   export const { HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });
import { AppError, errorResponse } from '../errors';

export const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
type ServableMethod = Exclude<HttpMethod, 'HEAD' | 'OPTIONS'>;
const SERVABLE: readonly ServableMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Any route handler: `never` accepts whatever context a handler declares. */
type Handler = (req: Request, ctx: never) => Response | Promise<Response>;
type Answer = (req: Request) => Response;

type Served = Partial<Record<ServableMethod, Handler>>;
export type OtherMethods<S extends Served> = Omit<Record<ServableMethod, Answer>, keyof S> & {
  HEAD: S extends { GET: infer G } ? G : Answer;
  OPTIONS: Answer;
};

/** What a route file serves, as an Allow header lists it. */
export function allowHeader(served: readonly string[]): string {
  const allowed = new Set<string>([...served, 'OPTIONS']);
  if (allowed.has('GET')) allowed.add('HEAD');
  return HTTP_METHODS.filter((m) => allowed.has(m)).join(', ');
}

export function otherMethods<S extends Served>(served: S): OtherMethods<S> {
  const allow = allowHeader(Object.keys(served));
  const notAllowed: Answer = (req) => {
    const message = `${req.method} is not served here; allowed: ${allow}`;
    return errorResponse(new AppError('METHOD_NOT_ALLOWED', message, undefined, { allow }));
  };
  const answers: Record<string, unknown> = {
    HEAD: served.GET ?? notAllowed,
    OPTIONS: () => new Response(null, { status: 204, headers: { allow } }),
  };
  for (const method of SERVABLE) if (!served[method]) answers[method] = notAllowed;
  return answers as OtherMethods<S>;
}
