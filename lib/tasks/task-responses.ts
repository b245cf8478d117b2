// What POST /api/v1/activities/{id}/tasks/{taskId}/complete answers.
import { z } from 'zod';
import { Int, Uuid } from '../validation/response-fields';

export const TaskCompletedResponse = z.object({
  taskId: Uuid,
  chancesGranted: Int,
  doneToday: Int,
  remainingToday: Int.nullable().meta({ description: 'null: no cap' }),
});
