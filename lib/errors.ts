// One error type and one code → status table. Everything a client sees is an ErrorBody;
// a backing service that cannot be reached (PostgreSQL, Redis) is a 503 the client may retry;
// anything else unexpected becomes an opaque 500 logged with the request id.
import { ZodError } from 'zod';
import { jsonResponse } from './json-response';
import { errorFields, log, currentRequestId } from './log';

export const errorStatus = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RISK_BLOCKED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  NO_CHANCES: 409,
  ACTIVITY_NOT_LIVE: 409,
  DRAW_LIMIT_REACHED: 409,
  INSUFFICIENT_STOCK: 409,
  TASK_CAP_REACHED: 409,
  /** A share task confirmed by the host app's share_confirmed event: the client cannot complete it. */
  TASK_CONFIRMED_BY_HOST: 409,
  /** A task a change took out of the activity: it grants no more chances. */
  TASK_REMOVED: 409,
  INVALID_STATE: 409,
  NOT_PROVABLE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  ACTIVITY_REBUILDING: 503,
  /** A fairness seed does not decrypt under this FAIRNESS_KEY: draws stop until the key is the one that made it. */
  FAIRNESS_SEED_UNREADABLE: 503,
} as const;
export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

/** Maps any thrown value to the status and body a client may see. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details) body.error.details = err.details;
    return { status: err.status, body, headers: err.headers };
  }
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '),
          details: { issues },
        },
      },
    };
  }
  const requestId = currentRequestId();
  if (isServiceUnavailable(err)) {
    log.warn('a backing service is unavailable', errorFields(err));
    return {
      status: 503,
      body: {
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: 'a service this request needs is not reachable; retry shortly',
          ...(requestId ? { details: { requestId } } : {}),
        },
      },
      headers: { 'retry-after': '1' },
    };
  }
  log.error('unhandled error', errorFields(err));
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'internal error', ...(requestId ? { details: { requestId } } : {}) } },
  };
}

/**
 * SQLSTATEs of a connection that failed or a server that is going away or not yet up: class 08
 * (connection exception) is matched by its class, these besides it.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
]);

/** Socket errors of Node: the peer refused, reset or never answered. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * Prisma's codes for the database not being there: not reachable, timed out, connection
 * closed, no pooled connection in time.
 */
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

/** What Prisma's driver adapter calls the same (its error's `cause.kind`). */
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

/**
 * Errors without a code that node-postgres and ioredis raise when a connection breaks or a
 * command gets no answer in time; their wording is all they carry.
 */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // pg: the socket closed under a query, or a connect timed out
  /^Client has encountered a connection error and is not queryable/, // pg
  /^timeout exceeded when trying to connect/, // pg-pool
  /^Query read timeout/, // pg: query_timeout
  /^timeout expired$/, // pg: a Client's connectionTimeoutMillis
  /^Command timed out/, // ioredis: commandTimeout
  /^Connection is closed\.?$/, // ioredis
  /^Command aborted due to connection close/, // ioredis: an auto-pipelined command cut off by a closed link
  /^Stream isn't writeable and enableOfflineQueue options is false/, // ioredis, while disconnected
  /^Reached the max retries per request limit/, // ioredis: MaxRetriesPerRequestError
  /^OOM command not allowed/, // Redis at maxmemory under noeviction: it refuses writes, drops nothing
  /^LOADING /, // Redis restarted and still reading its append-only file: it answers nothing else yet
];

/**
 * Whether an error says that PostgreSQL or Redis could not be reached or did not answer in time,
 * rather than anything about the request: the same request may well succeed a moment later.
 * Follows `cause` (and an AggregateError's `errors`), where drivers keep the socket's error.
 */
export function isServiceUnavailable(err: unknown, depth = 0): boolean {
  if (depth > 5 || typeof err !== 'object' || err === null) return false;
  const e = err as {
    code?: unknown;
    kind?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  if (typeof e.code === 'string') {
    const code = e.code;
    if (UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    if (UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (typeof e.kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(e.message as string))) return true;
  const inner = [e.cause, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((i) => isServiceUnavailable(i, depth + 1));
}

export function errorResponse(err: unknown): Response {
  const { status, body, headers } = toErrorBody(err);
  return jsonResponse(body, { status, headers });
}
