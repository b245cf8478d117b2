// POST /api/manage/activities/{id}/publish – reserve stock, pre-warm Redis, go LIVE or SCHEDULED
import { publishActivity } from '@/lib/activities/publish-activity';
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ params, tenantId, actor }) =>
  Response.json(await publishActivity(tenantId, actor, params.id!)),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
