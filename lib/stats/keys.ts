// Redis keys of an activity's dashboard statistics. They share the activity's hash tag, like
// the draw's keys, so one shard holds everything about one activity.
import { activityKey } from '../redis';

export const MINUTE_MS = 60_000;

export function statsKeys(activityId: string) {
  return {
    /** HyperLogLog of the users who drew in one minute (epoch ms of the minute's start). */
    activeUsers: (minuteMs: number) => activityKey(activityId, 'stats', 'hll', minuteMs),
    /** { recentAt, settledAt, fedUntil }: when the worker last aggregated, settled, fed the HLLs. */
    meta: activityKey(activityId, 'stats', 'meta'),
  };
}

export function floorMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}
