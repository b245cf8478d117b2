// Changes to a published activity (status, period, odds, stock) are made in PostgreSQL first
// and then carried into its hot state here, never dropped. The change's transaction locks the
// activity row and reads its state generation (stateEpoch, lockStateEpoch); a rebuild bumps the
// generation under an exclusive lock on the same row, in the transaction that reads its
// snapshot. So, for a change made at generation E, the hot state is
//  - of generation E: built from records without the change, so the change is written into it;
//  - newer: rebuilt from records that already hold it, so there is nothing to write;
//  - missing: the activity is fenced and draws wait. The change marks the missing state, so a
//    rebuild reading the records right now reads them again before it shows its state
//    (write-hot-state-3.lua, show-state-unless-changed-2.lua); carryToHotState then rebuilds
//    it at once, so the change is live when its request answers.
import { setTimeout as sleep } from 'node:timers/promises';
import type { db } from '../db';
import { AppError } from '../errors';
import { defineScript, loadLuaScript, type Redis } from '../redis';
import { forgetActivityMeta } from './activity-state';
import { drawKeys } from './keys';
import { rebuildActivityState } from './rebuild-activity';

const writeScript = loadLuaScript('lib/draw/lua', 'write-hot-state-3.lua');

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** A change to one hash of the hot state: values set, or added to what is there. */
export type HotStateChange = {
  hash: 'cfg' | 'stock' | 'issued';
  op: 'set' | 'add';
  fields: Record<string, string | number>;
};

export type HotStateWrite = 'written' | 'newer' | 'missing';

/**
 * The activity's state generation, read in the change's transaction under the activity row's
 * share lock (held to its commit), which a rebuild's generation bump must wait for.
 */
export async function lockStateEpoch(tx: Tx, activityId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ stateEpoch: number }[]>`
    SELECT "stateEpoch" FROM "Activity" WHERE id = ${activityId}::uuid FOR SHARE`;
  if (!row) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  return row.stateEpoch;
}

/** One attempt: written, already held by a newer generation, or no state (which is then marked). */
export async function writeHotState(
  redis: Redis,
  activityId: string,
  epoch: number,
  change: HotStateChange,
): Promise<HotStateWrite> {
  const k = drawKeys(activityId);
  const args = [epoch, change.op, ...Object.entries(change.fields).flat()];
  const answer = await defineScript(redis, writeScript)([k.cfg, k[change.hash], k.changedWhileMissing], args);
  if (change.hash === 'cfg') forgetActivityMeta(activityId);
  return answer === 1 ? 'written' : answer === 2 ? 'newer' : 'missing';
}

/** Rebuilds within one call when the state keeps vanishing under it (Redis restarting). */
const MAX_ATTEMPTS = 3;
/** A rebuild another caller runs: how long to give it before looking again. */
const BUSY_WAIT_MS = 250;

/**
 * The change is in the hot state (or in a newer generation of it) when this returns, or a rebuild
 * under way will read it: never "PostgreSQL says paused while Redis keeps drawing".
 */
export async function carryToHotState(
  redis: Redis,
  activityId: string,
  epoch: number,
  change: HotStateChange,
): Promise<void> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if ((await writeHotState(redis, activityId, epoch, change)) !== 'missing') return;
    // 'rebuilt' read the records after the change; 'busy' is a rebuild that will read them again
    // (the change marked it); 'present' came back between the two steps: write into it.
    if ((await rebuildActivityState(redis, activityId)) !== 'present') return;
  }
  // Saved and marked: whichever rebuild shows the state next reads it from the records.
  const message = 'the change is saved; the live state keeps disappearing and will be restored with it';
  throw new AppError('SERVICE_UNAVAILABLE', message, undefined, { 'retry-after': '1' });
}

/**
 * For a step that must act on the hot state before the records move (taking stock that draws
 * could otherwise take): `step` answers 'missing' when there is no state; the state is then
 * rebuilt and the step tried again. Still missing → 503, nothing changed.
 */
export async function onHotState<T>(redis: Redis, activityId: string, step: () => Promise<T | 'missing'>): Promise<T> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const result = await step();
    if (result !== 'missing') return result;
    const outcome = await rebuildActivityState(redis, activityId);
    if (outcome === 'not-published' || outcome === 'missing') {
      throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
    }
    if (outcome === 'busy') await sleep(BUSY_WAIT_MS);
  }
  const message = 'the activity is being restored from its records; nothing was changed, try again';
  throw new AppError('ACTIVITY_REBUILDING', message, undefined, { 'retry-after': '1' });
}
