// POST /api/manage/activities/{id}/stock – add units to an activity pool from the prize's total
// pool (quantity > 0) or release them back (quantity < 0), also while live
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { changePoolStock } from '@/lib/inventory/change-pool-stock';
import { PoolStockChange } from '@/lib/inventory/schemas';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ req, params, tenantId, actor }) =>
  Response.json(await changePoolStock(tenantId, actor, params.id!, await readJson(req, PoolStockChange))),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
