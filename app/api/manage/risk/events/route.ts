// GET /api/manage/risk/events – what the risk rules did, newest first, filtered, paged by cursor
import { withApiKey } from '@/lib/http/handlers';
import { searchParams } from '@/lib/http/search-params';
import { listRiskEvents } from '@/lib/risk/list-risk-events';
import { RiskEventsQuery } from '@/lib/risk/schemas';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withApiKey(async ({ req, tenantId }) =>
  Response.json(await listRiskEvents(tenantId, RiskEventsQuery.parse(searchParams(req)))),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
