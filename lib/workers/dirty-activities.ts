// Which activities changed since a periodic pass last looked at them. An idle activity costs the
// workers nothing: each repeating pass takes its own set of marked activities (one SPOP per
// batch) instead of visiting every live one. Each draw call marks its activity for the draw-log
// sweeper (lib/draw/sweep-draw-logs.ts), which after draining it marks it for the passes that
// read the draws; status changes and chance grants mark it too. A mark taken by a process that
// then dies is lost: each pass also has a slow full pass over every activity it could concern.
import { key, type Redis } from '../redis';

export const DIRTY_PASSES = [
  'draw-log',
  'stats-recent',
  'stats-settle',
  'reconcile',
  'odds-drift',
  'auto-tune',
  'alerts',
] as const;
export type DirtyPass = (typeof DIRTY_PASSES)[number];

/** The passes that read an activity's draws, chances and stock (all but the drain itself). */
export const AFTER_DRAWS: readonly DirtyPass[] = [
  'stats-recent',
  'stats-settle',
  'reconcile',
  'odds-drift',
  'auto-tune',
  'alerts',
];

/** The passes that aggregate the dashboard's figures. */
export const STATS_PASSES: readonly DirtyPass[] = ['stats-recent', 'stats-settle'];

/** One set per pass, shared by every activity of this deployment. */
export function dirtyKey(pass: DirtyPass): string {
  return key('dirty', pass);
}

export async function markDirty(
  redis: Redis,
  activityIds: readonly string[],
  passes: readonly DirtyPass[],
): Promise<void> {
  if (activityIds.length === 0 || passes.length === 0) return;
  const m = redis.multi();
  for (const pass of passes) m.sadd(dirtyKey(pass), ...activityIds);
  await m.exec();
}

const TAKE_BATCH = 1_000;

/** Takes (removes and returns) every activity marked for `pass`; each is handed to one taker only. */
export async function takeDirty(redis: Redis, pass: DirtyPass): Promise<string[]> {
  const taken: string[] = [];
  for (;;) {
    const batch = await redis.spop(dirtyKey(pass), TAKE_BATCH);
    taken.push(...batch);
    if (batch.length < TAKE_BATCH) return taken;
  }
}

/**
 * One pass over the activities marked for it (none marked: not even a query). The pass says
 * which of them failed; those, or all of them if it throws, stay marked for the next pass.
 */
export async function passOverMarked<T extends { failed: string[] }>(
  redis: Redis,
  pass: DirtyPass,
  run: (only: string[]) => Promise<T>,
): Promise<T | null> {
  const only = await takeDirty(redis, pass);
  if (only.length === 0) return null;
  let result: T;
  try {
    result = await run(only);
  } catch (err) {
    await markDirty(redis, only, [pass]);
    throw err;
  }
  await markDirty(redis, result.failed, [pass]);
  return result;
}
