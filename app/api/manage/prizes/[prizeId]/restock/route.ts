// POST /api/manage/prizes/{prizeId}/restock – add to (or take from) the total pool
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { restockPrize } from '@/lib/prizes/restock-prize';
import { Restock } from '@/lib/prizes/schemas';

export const POST = withApiKey(async ({ req, params, tenantId, actor }) =>
  Response.json(await restockPrize(tenantId, actor, params.prizeId!, await readJson(req, Restock))),
);
