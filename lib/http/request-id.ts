// A request's id, for its answer's x-request-id and its log lines: the caller's own when it is
// a plain token (a proxy in front may have set one), else a fresh one.
import { randomUUID } from 'node:crypto';

export function requestIdOf(given: string | null | undefined): string {
  return given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}
