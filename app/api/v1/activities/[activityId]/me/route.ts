// GET /api/v1/activities/{activityId}/me – chances, draws today, tasks, wins
import { getMyState } from '@/lib/chances/get-my-state';
import { withUser } from '@/lib/http/handlers';

export const GET = withUser(async ({ params, user }) => Response.json(await getMyState(user, params.activityId!)));
