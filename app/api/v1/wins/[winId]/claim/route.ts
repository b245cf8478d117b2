// POST /api/v1/wins/{winId}/claim – shipping details for a physical prize (only the winner)
import { claimWin } from '@/lib/fulfilment/claim-win';
import { ClaimWin } from '@/lib/fulfilment/schemas';
import { withUser } from '@/lib/http/handlers';
import { jsonResponse } from '@/lib/json-response';
import { readJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withUser(async ({ req, params, user }) =>
  jsonResponse(await claimWin(user, params.winId!, await readJson(req, ClaimWin))),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
