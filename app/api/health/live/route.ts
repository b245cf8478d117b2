// GET /api/health/live – the web process is up (liveness, no dependencies)
import { otherMethods } from '@/lib/http/other-methods';

export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
