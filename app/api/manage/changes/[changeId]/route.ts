// GET | PATCH | DELETE /api/manage/changes/{changeId} – read, edit (voids its approvals), cancel
import { editChange } from '@/lib/activities/edit-change';
import { EditChange } from '@/lib/activities/change-schemas';
import { getChange } from '@/lib/activities/list-changes';
import { cancelChange } from '@/lib/activities/review-change';
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withApiKey(async ({ params, tenantId }) =>
  Response.json(await getChange(tenantId, params.changeId!)),
);

export const PATCH = withApiKey(async ({ req, params, tenantId, actor }) =>
  Response.json(
    await editChange(tenantId, actor, { changeId: params.changeId!, edit: await readJson(req, EditChange) }),
  ),
);

export const DELETE = withApiKey(async ({ params, tenantId, actor }) =>
  Response.json(await cancelChange(tenantId, actor, params.changeId!)),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT } = otherMethods({ GET, PATCH, DELETE });
