// Every key one draw touches carries the activity's hash tag (DESIGN.md §5).
import { activityKey } from '../redis';

export function drawKeys(activityId: string) {
  return {
    cfg: activityKey(activityId, 'cfg'),
    stock: activityKey(activityId, 'stock'),
    issued: activityKey(activityId, 'issued'),
    stream: activityKey(activityId, 'stream'),
    rebuildLock: activityKey(activityId, 'rebuild-lock'),
    /** Held for an interval after an end user's request starts a rebuild: the next one waits it out. */
    rebuildThrottle: activityKey(activityId, 'rebuild-throttle'),
    /** Set by a change committed while the state was missing: a rebuild under way reads the records again. */
    changedWhileMissing: activityKey(activityId, 'changed-while-missing'),
    user: (userId: string) => activityKey(activityId, 'u', userId),
    idem: (userId: string, idempotencyKey: string) => activityKey(activityId, 'idem', userId, idempotencyKey),
  };
}
