import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, errorStatus, toErrorBody } from '@/lib/errors';

describe('error mapping', () => {
  it('maps every draw error code to its status', () => {
    expect(errorStatus).toMatchObject({
      NO_CHANCES: 409,
      ACTIVITY_NOT_LIVE: 409,
      RATE_LIMITED: 429,
      RISK_BLOCKED: 403,
      DRAW_LIMIT_REACHED: 409,
      NOT_FOUND: 404,
      VALIDATION_FAILED: 400,
      ACTIVITY_REBUILDING: 503,
      TASK_CAP_REACHED: 409,
      UNAUTHORIZED: 401,
    });
    const { status, body, headers } = toErrorBody(
      new AppError('RATE_LIMITED', 'slow down', { limit: 5 }, { 'retry-after': '3' }),
    );
    expect(status).toBe(429);
    expect(body).toEqual({ error: { code: 'RATE_LIMITED', message: 'slow down', details: { limit: 5 } } });
    expect(headers).toEqual({ 'retry-after': '3' });
  });

  it('turns zod errors into VALIDATION_FAILED with paths', () => {
    const result = z.strictObject({ a: z.number() }).safeParse({ a: 'x', b: 1 });
    const { status, body } = toErrorBody(result.error);
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toEqual({ issues: expect.arrayContaining([expect.objectContaining({ path: 'a' })]) });
  });

  it('hides anything unexpected behind an opaque 500', () => {
    const { status, body } = toErrorBody(new TypeError('relation "Secret" does not exist'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('Secret');
  });
});
