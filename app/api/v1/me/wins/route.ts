// GET /api/v1/me/wins – the signed-in end user's wins in the token's tenant
import { listUserWins } from '@/lib/fulfilment/list-user-wins';
import { withUser } from '@/lib/http/handlers';

export const GET = withUser(async ({ user }) => Response.json({ wins: await listUserWins(user.tenantId, user.userId) }));
