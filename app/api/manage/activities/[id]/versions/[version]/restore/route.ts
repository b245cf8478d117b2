// POST /api/manage/activities/{id}/versions/{version}/restore – propose the change back to that version
import { restoreVersion } from '@/lib/activities/restore-version';
import { RestoreVersion } from '@/lib/activities/change-schemas';
import { withApiKey } from '@/lib/http/handlers';
import { readOptionalJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ req, params, tenantId, actor }) =>
  Response.json(
    await restoreVersion(tenantId, actor, {
      activityId: params.id!,
      versionText: params.version!,
      input: await readOptionalJson(req, RestoreVersion),
    }),
    { status: 201 },
  ),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
