// POST /api/manage/wins/{winId}/approve – a win held for review is released as the draw would have
import { approveHeldWin } from '@/lib/fulfilment/review-held-win';
import { ApproveWin } from '@/lib/fulfilment/schemas';
import { withApiKey } from '@/lib/http/handlers';
import { readOptionalJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ req, params, tenantId, actor }) => {
  await readOptionalJson(req, ApproveWin);
  return Response.json(await approveHeldWin(tenantId, actor, params.winId!));
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
