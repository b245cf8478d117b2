// GET /api/manage/prizes/{prizeId} – one prize with its stock figures
import { withApiKey } from '@/lib/http/handlers';
import { getPrizeOrThrow } from '@/lib/prizes/get-prize';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withApiKey(async ({ params, tenantId }) =>
  Response.json(await getPrizeOrThrow(tenantId, params.prizeId!)),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
