// GET /api/v1/me/wins – the signed-in end user's wins in the token's tenant
import { listUserWins } from '@/lib/fulfilment/list-user-wins';
import { withUser } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withUser(async ({ user }) =>
  Response.json({ wins: await listUserWins(user.tenantId, user.userId) }),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
