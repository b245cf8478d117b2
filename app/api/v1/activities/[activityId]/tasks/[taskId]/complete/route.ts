// POST /api/v1/activities/{activityId}/tasks/{taskId}/complete – a client-side task done (caps apply)
import { withUser } from '@/lib/http/handlers';
import { jsonResponse } from '@/lib/json-response';
import { completeTask } from '@/lib/tasks/complete-task';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withUser(async ({ params, user }) =>
  jsonResponse(await completeTask(user, params.activityId!, params.taskId!)),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
