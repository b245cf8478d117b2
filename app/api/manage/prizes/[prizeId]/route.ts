// GET /api/manage/prizes/{prizeId} – one prize with its stock figures
import { withApiKey } from '@/lib/http/handlers';
import { getPrizeOrThrow } from '@/lib/prizes/get-prize';

export const GET = withApiKey(async ({ params, tenantId }) => Response.json(await getPrizeOrThrow(tenantId, params.prizeId!)));
