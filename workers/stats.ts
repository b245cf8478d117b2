// stats – per-minute StatsBucket rows and active-user HyperLogLogs for the live dashboard
import { runStatsJob } from '@/lib/stats/run-stats-job';
import { createRedis } from '@/lib/redis';
import { defineProcessor } from './processor';

const redis = createRedis('worker');

// One at a time: the recent and settle passes of an activity serialise on its advisory lock anyway.
export default defineProcessor('stats', { concurrency: 1 }, (payload) => runStatsJob(redis, payload));
