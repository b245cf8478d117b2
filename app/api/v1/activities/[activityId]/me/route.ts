// GET /api/v1/activities/{activityId}/me – chances, draws today, tasks, wins
import { getMyState } from '@/lib/chances/get-my-state';
import { withUser } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withUser(async ({ params, user }) => Response.json(await getMyState(user, params.activityId!)));

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
