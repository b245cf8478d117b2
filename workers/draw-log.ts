// draw-log – drain the streams of the activities marked since the last sweep; now and then mark every non-empty one
import { markStreamsWithBacklog, sweepDirtyDrawLogs } from '@/lib/draw/sweep-draw-logs';
import { createRedis } from '@/lib/redis';
import { defineProcessor } from './processor';

const redis = createRedis('worker');

// One at a time: a sweep drains several activities at once itself, and two sweeps would only split the set.
export default defineProcessor('draw-log', { concurrency: 1 }, ({ pass }) =>
  pass === 'sweep' ? sweepDirtyDrawLogs(redis) : markStreamsWithBacklog(redis),
);
