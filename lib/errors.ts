// One error type and one code → status table. Everything a client sees is an ErrorBody;
// anything unexpected becomes an opaque 500 logged with the request id.
import { ZodError } from 'zod';
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
  INVALID_STATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  ACTIVITY_REBUILDING: 503,
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
  log.error('unhandled error', errorFields(err));
  const requestId = currentRequestId();
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'internal error', ...(requestId ? { details: { requestId } } : {}) } },
  };
}

export function errorResponse(err: unknown): Response {
  const { status, body, headers } = toErrorBody(err);
  return Response.json(body, { status, headers });
}
