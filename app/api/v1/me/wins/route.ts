// GET /api/v1/me/wins – the signed-in end user's wins in the token's tenant, prize names in the reader's language
import { listUserWins } from '@/lib/fulfilment/list-user-wins';
import { withUser } from '@/lib/http/handlers';
import { jsonResponse } from '@/lib/json-response';
import { otherMethods } from '@/lib/http/other-methods';
import { readerLanguages } from '@/lib/http/reader-languages';

export const GET = withUser(async ({ req, user }) =>
  jsonResponse({ wins: await listUserWins(user.tenantId, user.userId, { languages: readerLanguages(req) }) }),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
