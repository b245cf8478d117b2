// POST /api/manage/activities/{id}/changes – propose a change of the live configuration
import { proposeChange } from '@/lib/activities/propose-change';
import { CreateChange } from '@/lib/activities/change-schemas';
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ req, params, tenantId, actor }) =>
  Response.json(
    await proposeChange(tenantId, actor, { activityId: params.id!, input: await readJson(req, CreateChange) }),
    { status: 201 },
  ),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
