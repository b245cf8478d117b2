// GET /api/manage/activities/{id}/versions/{version} – one version with its whole configuration
import { getConfigVersion } from '@/lib/activities/config-versions';
import { AppError } from '@/lib/errors';
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withApiKey(async ({ params, tenantId }) => {
  const version = /^[1-9]\d{0,8}$/.test(params.version!) ? Number(params.version) : null;
  if (version === null) throw new AppError('NOT_FOUND', `version ${params.version} not found`);
  return Response.json(await getConfigVersion(tenantId, params.id!, version));
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
