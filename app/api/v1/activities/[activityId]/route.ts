// GET /api/v1/activities/{activityId} – public view with disclosed odds
import { getPublicActivity } from '@/lib/activities/get-public-activity';
import { withUser } from '@/lib/http/handlers';

export const GET = withUser(async ({ params, user }) => Response.json(await getPublicActivity(user.tenantId, params.activityId!)));
