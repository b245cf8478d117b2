// POST /api/manage/wins/{winId}/reject – a win held for review is refused, saying why (it is voided)
import { rejectHeldWin } from '@/lib/fulfilment/review-held-win';
import { WinReason } from '@/lib/fulfilment/schemas';
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ req, params, tenantId, actor }) => {
  const { reason } = await readJson(req, WinReason);
  return Response.json(await rejectHeldWin(tenantId, actor, params.winId!, reason));
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
