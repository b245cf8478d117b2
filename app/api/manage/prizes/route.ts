// POST /api/manage/prizes – create a prize with its total pool; GET – list the tenant's prizes
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { createPrize } from '@/lib/prizes/create-prize';
import { listPrizes } from '@/lib/prizes/get-prize';
import { CreatePrize, ListQuery } from '@/lib/prizes/schemas';
import { searchParams } from '@/lib/http/search-params';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ req, tenantId, actor }) =>
  Response.json(await createPrize(tenantId, actor, await readJson(req, CreatePrize)), { status: 201 }),
);

export const GET = withApiKey(async ({ req, tenantId }) =>
  Response.json(await listPrizes(tenantId, ListQuery.parse(searchParams(req)))),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });
