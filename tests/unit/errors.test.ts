import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, errorStatus, isServiceUnavailable, toErrorBody } from '@/lib/errors';

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

  it('answers 503 SERVICE_UNAVAILABLE, not 500, when PostgreSQL or Redis cannot be reached', () => {
    const socket = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'x' });
    const sqlState = (code: string) => Object.assign(new Error('terminating connection'), { code, severity: 'FATAL' });
    const unavailable = [
      socket('ECONNREFUSED'),
      socket('ECONNRESET'),
      new AggregateError([socket('ECONNREFUSED')], 'connect failed'),
      sqlState('57P01'),
      sqlState('57P03'),
      sqlState('08006'),
      sqlState('53300'),
      new Error('Connection terminated unexpectedly'),
      new Error('Query read timeout'),
      new Error('timeout expired'),
      new Error('Command timed out'),
      new Error("OOM command not allowed when used memory > 'maxmemory'."),
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      Object.assign(new Error('Command aborted due to connection close'), { name: 'AbortError' }),
      // Prisma's known request error over its driver adapter's
      Object.assign(new Error("Can't reach database server"), { code: 'P1001' }),
      Object.assign(new Error('Server has closed the connection.'), {
        code: 'P2010',
        meta: { driverAdapterError: { cause: { kind: 'postgres', code: '57P01' } } },
      }),
      Object.assign(new Error('x'), { name: 'DriverAdapterError', cause: { kind: 'ConnectionClosed' } }),
    ];
    for (const err of unavailable) {
      expect(isServiceUnavailable(err), String(err)).toBe(true);
      const { status, body, headers } = toErrorBody(err);
      expect(status).toBe(503);
      expect(body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(body)).not.toContain('5432');
      expect(headers).toEqual({ 'retry-after': '1' });
    }
    const notUnavailable = [
      sqlState('23505'),
      sqlState('22P05'),
      new TypeError('x is undefined'),
      Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }),
      Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }),
      'a string',
      null,
    ];
    for (const err of notUnavailable) expect(isServiceUnavailable(err), String(err)).toBe(false);
  });
});
