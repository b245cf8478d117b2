// The fixed-winners job: draw the winners (once), then give the pools' rest back to the total
// pools, which waits for the draw (lib/inventory/return-unused-stock.ts).
import { returnUnusedStock } from '../inventory/return-unused-stock';
import { drawFixedWinners, type FixedWinnersResult } from './draw-fixed-winners';

export async function runFixedWinnersJob(activityId: string): Promise<FixedWinnersResult | null> {
  const result = await drawFixedWinners(activityId);
  if (result) await returnUnusedStock(activityId);
  return result;
}
