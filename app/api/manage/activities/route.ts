// POST /api/manage/activities – create a DRAFT activity from a spec
import { createActivity } from '@/lib/activities/create-activity';
import { ActivitySpec } from '@/lib/activities/schemas';
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ req, tenantId, actor }) =>
  Response.json(await createActivity(tenantId, actor, await readJson(req, ActivitySpec)), { status: 201 }),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
