// Every key one draw touches carries the activity's hash tag (DESIGN.md §5).
import { activityKey } from '../redis';

export function drawKeys(activityId: string) {
  return {
    cfg: activityKey(activityId, 'cfg'),
    stock: activityKey(activityId, 'stock'),
    issued: activityKey(activityId, 'issued'),
    stream: activityKey(activityId, 'stream'),
    rebuildLock: activityKey(activityId, 'rebuild-lock'),
    user: (userId: string) => activityKey(activityId, 'u', userId),
    idem: (userId: string, idempotencyKey: string) => activityKey(activityId, 'idem', userId, idempotencyKey),
  };
}
