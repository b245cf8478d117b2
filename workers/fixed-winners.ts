// fixed-winners – draw an ended fixed-winner activity's winners once, announce them, return the rest of its stock
import { runFixedWinnersJob } from '@/lib/fixed-winners/run-fixed-winners-job';
import { defineProcessor } from './processor';

export default defineProcessor('fixed-winners', { concurrency: 1 }, ({ activityId }) => runFixedWinnersJob(activityId));
