// fixed-winners – draw an ended fixed-winner activity's winners once, announce them, return the rest of its stock; the sweep finishes missed ones
import { runFixedWinnersJob, sweepFixedWinners } from '@/lib/fixed-winners/run-fixed-winners-job';
import { defineProcessor } from './processor';

export default defineProcessor('fixed-winners', { concurrency: 1 }, (payload) => ('sweep' in payload ? sweepFixedWinners() : runFixedWinnersJob(payload.activityId)));
