// GET /api/manage/activities/{id}/versions/{version} – one version with its whole configuration
import { getConfigVersion } from '@/lib/activities/config-versions';
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withApiKey(async ({ params, tenantId }) =>
  Response.json(await getConfigVersion(tenantId, params.id!, params.version!)),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
