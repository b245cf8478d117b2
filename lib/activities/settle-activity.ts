// Settling an ended activity, the one job reaching ENDED queues (the `settle` queue, one job id
// per activity: lib/activities/schedule-settle.ts), in this order (after telling the hot state the
// activity has ended, in case the process that ended it died before it could):
//  1. drain its draw stream: every draw decided before the end becomes a row;
//  2. draw its fixed winners, if it has them, among everyone who took part
//     (lib/fixed-winners/draw-fixed-winners.ts);
//  3. give each pool's unused stock back to the prize's total pool
//     (lib/inventory/return-unused-stock.ts);
//  4. retire its schedules: the delayed start and end jobs it no longer needs;
//  5. mark it SETTLED (lib/activities/transition-activity.ts).
// Each step is safe to repeat (rows already written are skipped; the fixed-winner draw and each
// return leave a unique ledger row that a repeat finds; a job already gone is not there to take),
// so a run that dies between two steps, a job delivered twice or two workers at once leave every
// effect exactly once: the next run does what is left. A run after SETTLED changes nothing.
// `POST .../end` runs it inline for an activity without fixed winners, so the stock is back
// when it answers; the job stays queued behind it as the safety net.
import { hasEnded } from '../activity-status';
import { db } from '../db';
import { requestRedis, type Redis } from '../redis';
import { drainDrawLog } from '../draw/drain-draw-log';
import { revealActivitySeeds } from '../fairness/activity-seeds';
import { drawFixedWinners, type FixedWinnersResult } from '../fixed-winners/draw-fixed-winners';
import { returnUnusedStock, type ReturnResult } from '../inventory/return-unused-stock';
import { retireLifecycle } from './schedule-lifecycle';
import { carryEndToHotState, transitionActivity } from './transition-activity';

export const SETTLE_ACTOR = { type: 'SYSTEM', id: 'settle' } as const;

export type SettleStep = 'drain' | 'fixed-winners' | 'return-stock' | 'retire-schedules';

export type SettleResult = {
  /** Whether the activity is SETTLED now (by this run or an earlier one). */
  settled: boolean;
  fixedWinners: FixedWinnersResult | null;
  returned: ReturnResult;
};

type SettleOptions = {
  redis?: Redis;
  /** Called after each step: tests stop a run there to show that the next one finishes it. */
  afterStep?: (step: SettleStep) => void | Promise<void>;
};

/** Settles the activity; null if it has not ended (or does not exist). */
export async function settleActivity(
  activityId: string,
  { redis, afterStep }: SettleOptions = {},
): Promise<SettleResult | null> {
  const activity = await db.activity.findUnique({
    where: { id: activityId },
    select: { status: true, fixedWinners: true },
  });
  if (!activity || !hasEnded(activity.status)) return null;
  const r = redis ?? (await requestRedis());
  await carryEndToHotState(r, activityId);
  await drainAll(r, activityId);
  await afterStep?.('drain');
  const fixedWinners = activity.fixedWinners !== null ? await drawFixedWinners(activityId) : null;
  await afterStep?.('fixed-winners');
  // No draw can use the seeds now (the hot state says ENDED, fixed winners are drawn): reveal them.
  await revealActivitySeeds(activityId);
  const returned = await returnUnusedStock(activityId);
  await afterStep?.('return-stock');
  await retireLifecycle(activityId);
  await afterStep?.('retire-schedules');
  const marked = await transitionActivity({
    activityId,
    from: ['ENDED'],
    to: 'SETTLED',
    actor: SETTLE_ACTOR,
    action: 'activity.settle',
  });
  return { settled: marked.applied || marked.status === 'SETTLED', fixedWinners, returned };
}

/**
 * The whole stream, however long: nothing new enters it once the activity has ended, so a drain
 * that makes no headway is a failure (the job retries), never a reason to count stock early.
 */
async function drainAll(redis: Redis, activityId: string) {
  for (;;) {
    const { backlog, persisted, quarantined } = await drainDrawLog(redis, activityId);
    if (backlog === 0) return;
    if (persisted + quarantined === 0)
      throw new Error(`activity ${activityId}: ${backlog} draws are still in its stream`);
  }
}
