// GET /api/health – 200 when PostgreSQL, Redis and the workers answer; 503 naming what fails
import { checkHealth } from '@/lib/health/check-health';
import { publicRoute } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';

export const dynamic = 'force-dynamic';

export const GET = publicRoute(async () => {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
