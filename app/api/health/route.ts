// GET /api/health – 200 when PostgreSQL, Redis and the workers answer; 503 naming what fails
import { checkHealth } from '@/lib/health/check-health';
import { publicRoute } from '@/lib/http/handlers';

export const dynamic = 'force-dynamic';

export const GET = publicRoute(async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
});
