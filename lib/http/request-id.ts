// A request's id, for its answer's x-request-id and its log lines: the caller's own when it is
// a plain token (a proxy in front may have set one), else a fresh one.
import { randomUUID } from 'node:crypto';
import { withRequestContext } from '../log';

export function requestIdOf(given: string | null | undefined): string {
  return given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

/**
 * Runs `fn` under the request id the browser named for a console action, so the failure it shows
 * is the one logged and audited; an id that is not a plain token is replaced.
 */
export function asNamedRequest<T>(given: unknown, fn: () => T): T {
  return withRequestContext(requestIdOf(typeof given === 'string' ? given : null), fn);
}
