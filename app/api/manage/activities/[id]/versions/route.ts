// GET /api/manage/activities/{id}/versions – every applied configuration, oldest first
import { listConfigVersions } from '@/lib/activities/config-versions';
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withApiKey(async ({ params, tenantId }) =>
  Response.json(await listConfigVersions(tenantId, params.id!)),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
