// The fixed-winners job: draw the winners (once), then give the pools' rest back to the total
// pools, which waits for the draw (lib/inventory/return-unused-stock.ts). A sweep finds ended
// fixed-winner activities still unsettled (a job lost or failed for good) and finishes them.
import { db } from '../db';
import { errorFields, log } from '../log';
import { returnUnusedStock } from '../inventory/return-unused-stock';
import { drawFixedWinners, type FixedWinnersResult } from './draw-fixed-winners';

/** Draws already decided at the end land within seconds; the sweep leaves the job that long. */
const SWEEP_AFTER_END_MS = 60_000;

export async function runFixedWinnersJob(activityId: string): Promise<FixedWinnersResult | null> {
  const result = await drawFixedWinners(activityId);
  if (result) await returnUnusedStock(activityId);
  return result;
}

export async function sweepFixedWinners(now = Date.now()): Promise<number> {
  const due = await db.activity.findMany({
    where: { status: 'ENDED', fixedWinners: { not: null }, stockReturnedAt: null, endedAt: { lte: new Date(now - SWEEP_AFTER_END_MS) } },
    select: { id: true }, take: 100,
  });
  let finished = 0;
  for (const a of due) {
    try {
      if (await runFixedWinnersJob(a.id)) finished++;
    } catch (err) {
      log.warn('fixed-winner sweep failed', { activityId: a.id, ...errorFields(err) });
    }
  }
  return finished;
}
