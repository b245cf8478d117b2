// POST /api/manage/prizes/{prizeId}/codes – add codes to a coupon prize (its stock)
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { addPrizeCodes } from '@/lib/prizes/add-prize-codes';
import { AddCodes, MAX_CODES_BODY_BYTES } from '@/lib/prizes/schemas';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ req, params, tenantId, actor }) =>
  Response.json(
    await addPrizeCodes(tenantId, actor, params.prizeId!, await readJson(req, AddCodes, MAX_CODES_BODY_BYTES)),
  ),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
