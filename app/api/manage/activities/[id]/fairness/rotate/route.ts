// POST /api/manage/activities/{id}/fairness/rotate – commit a new seed, reveal the current one
import { rotateActivitySeed } from '@/lib/activities/rotate-fairness-seed';
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ params, tenantId, actor }) =>
  Response.json(await rotateActivitySeed(tenantId, actor, params.id!)),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
