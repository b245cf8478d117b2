// POST /api/v1/activities/{activityId}/tasks/{taskId}/complete – a client-side task done (caps apply)
import { withUser } from '@/lib/http/handlers';
import { completeTask } from '@/lib/tasks/complete-task';

export const POST = withUser(async ({ params, user }) => Response.json(await completeTask(user, params.activityId!, params.taskId!)));
