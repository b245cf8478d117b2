// POST /api/manage/wins/{winId}/ship – a claimed physical win is on its way: carrier and tracking number
import { shipWin } from '@/lib/fulfilment/ship-win';
import { ShipWin } from '@/lib/fulfilment/schemas';
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ req, params, tenantId, actor }) =>
  Response.json(await shipWin(tenantId, actor, params.winId!, await readJson(req, ShipWin))),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
