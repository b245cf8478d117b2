// What GET /api/health answers.
import { z } from 'zod';
import { Int } from '../validation/response-fields';

const Check = z.object({ ok: z.boolean(), error: z.string().optional(), ms: Int.optional() });

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({ postgres: Check, redis: Check, workers: Check.extend({ live: Int.optional() }) }),
  warnings: z.array(z.object({ check: z.enum(['redis', 'fairness']), code: z.string(), message: z.string() })),
});
