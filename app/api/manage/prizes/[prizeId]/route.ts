// GET /api/manage/prizes/{prizeId} – one prize with its stock figures
// PATCH – its name, description, image or names per language
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { getPrizeOrThrow } from '@/lib/prizes/get-prize';
import { UpdatePrize } from '@/lib/prizes/schemas';
import { updatePrize } from '@/lib/prizes/update-prize';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withApiKey(async ({ params, tenantId }) =>
  Response.json(await getPrizeOrThrow(tenantId, params.prizeId!)),
);

export const PATCH = withApiKey(async ({ req, params, tenantId, actor }) => {
  // Existence first: another tenant's prize is not found before anything about the body is said.
  await getPrizeOrThrow(tenantId, params.prizeId!);
  return Response.json(await updatePrize(tenantId, actor, params.prizeId!, await readJson(req, UpdatePrize)));
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, DELETE } = otherMethods({ GET, PATCH });
