// POST /api/manage/prizes/{prizeId}/restock – add to (or take from) the total pool
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { restockPrize } from '@/lib/prizes/restock-prize';
import { Restock } from '@/lib/prizes/schemas';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ req, params, tenantId, actor }) =>
  Response.json(await restockPrize(tenantId, actor, params.prizeId!, await readJson(req, Restock))),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
